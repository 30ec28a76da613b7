# Authoring source of src/Services/Prompts/MagicHub.Prompts.Contracts/prompt-schemas.json (run: python3 prompt-schemas.py).
import json
import os
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "src", "Services", "Prompts", "MagicHub.Prompts.Contracts")
S = {}
def c(key, *fields):
    out = []
    for f in fields:
        parts = f.split("|")
        name, typ, req, desc = parts[:4]
        d = {"name": name, "type": typ, "description": desc, "required": req == "r"}
        if len(parts) > 4: d["enum_values"] = parts[4].split(";")
        out.append(d)
    S[key] = out
c("generic",
  "customer_name|string|o|Full name of the customer on the call",
  "callback_phone|phone|o|Phone number the customer gives to be reached",
  "email|email|o|Email address the customer gives",
  "reference_number|string|o|Account, order, booking or case number mentioned",
  "amount|money|o|Main amount of money discussed",
  "follow_up_date|date|o|Date of the next step or follow-up that was agreed",
  "resolved|boolean|o|Whether the issue was resolved on the call")
# healthcare
c("healthcare/appointment_scheduling",
  "appointment_date|date|r|Day or date of the booked appointment",
  "appointment_time|time|r|Time of the booked appointment",
  "provider|string|o|Doctor or clinician the appointment is with",
  "visit_type|enum|o|Kind of visit|check up;follow up;consultation;vaccination;test;urgent",
  "callback_phone|phone|o|Phone number to reach the patient")
c("healthcare/prescription_refill",
  "medication|string|r|Name of the medication to refill",
  "pharmacy|string|o|Pharmacy where the prescription is picked up",
  "refill_date|date|o|Date the refill will be ready",
  "provider|string|o|Doctor who prescribed the medication")
c("healthcare/test_results",
  "test_type|string|r|Kind of test, e.g. blood test or x-ray",
  "test_date|date|o|Date the test was taken",
  "results_ready|boolean|o|Whether the results are available",
  "follow_up_date|date|o|Date of the follow-up visit or call")
c("healthcare/medical_billing",
  "bill_amount|money|r|Amount of the bill discussed",
  "account_number|string|o|Patient account or invoice number",
  "insurance_provider|string|o|Insurance company of the patient",
  "payment_plan|boolean|o|Whether a payment plan was agreed")
c("healthcare/referral_request",
  "specialist|string|r|Kind of specialist or the specialist's name",
  "provider|string|o|Doctor who makes the referral",
  "referral_date|date|o|Date of the referral appointment")
# banking
c("banking/card_replacement",
  "reason|enum|r|Why the card is replaced|lost card;stolen card;damaged card;expired card;compromised card",
  "card_type|enum|o|Kind of card|debit;credit",
  "card_blocked|boolean|o|Whether the card was blocked on the call",
  "delivery_days|number|o|Number of business days until the replacement card arrives",
  "card_last4|string|o|Last four digits of the card (never the full number)")
c("banking/fraud_report",
  "disputed_amount|money|r|Amount of the unauthorized transaction",
  "transaction_date|date|o|Date of the unauthorized transaction",
  "merchant|string|o|Merchant or payee of the transaction",
  "card_blocked|boolean|o|Whether the card or account was blocked",
  "case_number|string|o|Fraud case number given to the customer")
c("banking/account_inquiry",
  "account_type|enum|o|Kind of account|checking;savings;credit card;business",
  "balance|money|o|Account balance mentioned",
  "fee_amount|money|o|Fee discussed",
  "account_number|string|o|Account number (masked)")
c("banking/loan_inquiry",
  "loan_type|enum|r|Kind of loan|personal loan;mortgage;auto loan;student loan;line of credit",
  "loan_amount|money|o|Amount the customer wants to borrow",
  "interest_rate|number|o|Interest rate quoted, in percent",
  "term_months|number|o|Loan term in months")
c("banking/money_transfer",
  "transfer_amount|money|r|Amount of the transfer",
  "recipient|string|o|Person or business receiving the money",
  "transfer_date|date|o|Date the transfer was sent or will arrive",
  "transfer_status|enum|o|Status of the transfer|pending;completed;failed;cancelled")
# insurance
c("insurance/claim_filing",
  "incident_type|enum|r|What happened|car accident;theft;fire;flood;water damage;injury;storm",
  "incident_date|date|r|Date of the incident",
  "policy_number|string|o|Policy number of the customer",
  "claim_number|string|o|Claim number given to the customer",
  "estimated_damage|money|o|Estimated cost of the damage")
c("insurance/claim_status",
  "claim_number|string|r|Claim number asked about",
  "claim_status|enum|o|Status of the claim|pending;approved;denied;paid;under review",
  "payout_amount|money|o|Amount to be paid out",
  "payout_date|date|o|Date the payment is expected")
c("insurance/policy_inquiry",
  "policy_number|string|o|Policy number",
  "coverage_question|string|r|What the customer wants to know about the coverage",
  "deductible|money|o|Deductible amount mentioned")
c("insurance/premium_billing",
  "premium_amount|money|r|Premium amount discussed",
  "due_date|date|o|Date the payment is due",
  "policy_number|string|o|Policy number",
  "autopay|boolean|o|Whether automatic payment was set up")
c("insurance/new_quote",
  "insurance_type|enum|r|Kind of insurance quoted|auto;home;renters;life;health;travel",
  "quoted_premium|money|o|Premium quoted per month or year",
  "start_date|date|o|Requested start date of the policy")
# telecom
c("telecom/plan_upgrade",
  "new_plan|string|r|Name of the plan the customer moves to",
  "monthly_price|money|r|Monthly price of the new plan",
  "effective_date|date|o|Date the new plan starts",
  "accepted|boolean|o|Whether the customer accepted the offer")
c("telecom/billing_dispute",
  "disputed_amount|money|r|Amount the customer disputes",
  "charge_type|string|o|Kind of charge disputed, e.g. roaming or late fee",
  "credit_amount|money|o|Credit or refund given",
  "account_number|string|o|Account number")
c("telecom/technical_support",
  "issue_type|enum|r|Kind of problem|no internet;slow internet;no signal;dropped calls;device problem;tv problem",
  "technician_visit_date|date|o|Date a technician will visit",
  "ticket_number|string|o|Support ticket number",
  "resolved|boolean|o|Whether the problem was fixed on the call")
c("telecom/cancellation",
  "cancellation_reason|string|r|Why the customer wants to cancel",
  "termination_fee|money|o|Early termination fee mentioned",
  "retention_offer|string|o|Offer made to keep the customer",
  "cancelled|boolean|o|Whether the service was cancelled")
c("telecom/device_purchase",
  "device_model|string|r|Phone or device model",
  "device_price|money|o|Price of the device",
  "monthly_installment|money|o|Monthly installment for the device",
  "trade_in|boolean|o|Whether the customer trades in an old device")
# ecommerce
c("ecommerce/order_status",
  "order_number|string|r|Order number the customer asks about",
  "delivery_date|date|o|Date the order is expected to arrive",
  "order_status|enum|o|Where the order is|processing;shipped;out for delivery;delivered;delayed;cancelled",
  "tracking_number|string|o|Shipment tracking number")
c("ecommerce/return_refund",
  "order_number|string|o|Order number of the returned item",
  "item|string|o|Item being returned",
  "return_reason|enum|r|Why the item is returned|wrong size;damaged;defective;wrong item;not as described;changed mind",
  "refund_amount|money|o|Amount to be refunded")
c("ecommerce/payment_issue",
  "order_number|string|o|Order number",
  "payment_amount|money|o|Amount of the payment in question",
  "payment_method|enum|o|How the customer paid|credit card;debit card;paypal;gift card;bank transfer",
  "issue|string|r|What went wrong with the payment")
c("ecommerce/delivery_problem",
  "order_number|string|r|Order number",
  "problem|enum|r|Kind of delivery problem|late;missing;damaged;wrong address;wrong item",
  "redelivery_date|date|o|Date of the new delivery")
c("ecommerce/account_support",
  "email|email|o|Email address of the account",
  "issue|enum|r|Kind of account problem|login;password reset;locked out;update details;subscription;close account",
  "resolved|boolean|o|Whether the problem was fixed")
# hospitality
c("hospitality/reservation_booking",
  "check_in_date|date|r|Arrival or reservation date",
  "nights|number|o|Number of nights",
  "guests|number|o|Number of guests",
  "room_type|string|o|Room or table type requested",
  "confirmation_number|string|o|Confirmation number given")
c("hospitality/reservation_change",
  "confirmation_number|string|o|Confirmation number of the reservation",
  "new_date|date|o|New arrival date",
  "change_type|enum|r|What is changed|cancel;change dates;change room;add guests",
  "cancellation_fee|money|o|Fee for the change or cancellation")
c("hospitality/guest_complaint",
  "complaint_type|enum|r|What the complaint is about|cleanliness;noise;broken equipment;staff;billing;food",
  "room_number|string|o|Room number of the guest",
  "compensation|string|o|What was offered to make up for it")
c("hospitality/billing_inquiry",
  "disputed_amount|money|r|Amount the guest asks about",
  "charge_type|string|o|Kind of charge, e.g. minibar or resort fee",
  "refund_amount|money|o|Amount refunded")
# automotive
c("automotive/service_appointment",
  "service_type|string|r|Service requested, e.g. oil change or brake inspection",
  "appointment_date|date|r|Date of the service appointment",
  "appointment_time|time|o|Time of the service appointment",
  "vehicle|string|o|Make and model of the vehicle",
  "estimated_cost|money|o|Estimated price of the service")
c("automotive/vehicle_purchase",
  "vehicle|string|r|Model the customer is interested in",
  "price|money|o|Price discussed",
  "test_drive_date|date|o|Date of the test drive",
  "financing|boolean|o|Whether the customer wants financing")
c("automotive/warranty_claim",
  "vehicle|string|o|Make and model of the vehicle",
  "defect|string|r|Part or problem covered by the warranty",
  "covered|boolean|o|Whether the repair is covered")
c("automotive/roadside_assistance",
  "problem|enum|r|What happened|flat tire;dead battery;breakdown;locked out;out of fuel;accident",
  "location|string|o|Where the vehicle is",
  "eta_minutes|number|o|Minutes until help arrives")
# real estate
c("real_estate/property_inquiry",
  "property_address|string|o|Address of the property",
  "asking_price|money|o|Price of the property",
  "bedrooms|number|o|Number of bedrooms",
  "viewing_date|date|o|Date of the viewing")
c("real_estate/rental_application",
  "monthly_rent|money|r|Monthly rent",
  "deposit|money|o|Security deposit",
  "move_in_date|date|o|Planned move-in date",
  "pets|boolean|o|Whether the applicant has pets")
c("real_estate/maintenance_request",
  "issue|enum|r|What needs repair|leak;heating;electrical;appliance;pests;lock;mold",
  "unit|string|o|Apartment or unit number",
  "visit_date|date|o|Date the repair person comes",
  "urgent|boolean|o|Whether it is an emergency")
c("real_estate/selling_valuation",
  "property_address|string|o|Address of the property to sell",
  "estimated_value|money|o|Estimated market value",
  "valuation_date|date|o|Date of the valuation visit")
# utilities
c("utilities/billing_inquiry",
  "bill_amount|money|r|Amount of the bill discussed",
  "account_number|string|o|Customer account number",
  "due_date|date|o|Payment due date",
  "payment_plan|boolean|o|Whether a payment plan was agreed")
c("utilities/outage_report",
  "outage_type|enum|r|What is out|power;gas;water",
  "address|string|o|Address affected",
  "restoration_time|time|o|Expected time service returns",
  "reference_number|string|o|Outage reference number")
c("utilities/meter_reading",
  "meter_number|string|o|Meter number",
  "reading|number|r|Meter reading given",
  "reading_date|date|o|Date of the reading")
c("utilities/service_move",
  "move_date|date|r|Date of the move",
  "new_address|string|o|New address for the service",
  "service_type|enum|o|Service moved|electricity;gas;water;all")
# travel
c("travel/flight_booking",
  "destination|string|r|City or airport the customer flies to",
  "departure_date|date|r|Departure date",
  "passengers|number|o|Number of passengers",
  "fare|money|o|Price of the ticket",
  "booking_reference|string|o|Booking reference or confirmation code")
c("travel/booking_change",
  "booking_reference|string|o|Booking reference",
  "new_date|date|o|New travel date",
  "change_fee|money|o|Fee for the change",
  "change_type|enum|r|What is changed|change date;cancel;change passenger;upgrade seat")
c("travel/baggage_issue",
  "issue|enum|r|Baggage problem|lost;delayed;damaged;overweight",
  "flight_number|string|o|Flight number",
  "claim_number|string|o|Baggage claim or file reference",
  "delivery_date|date|o|Date the bag is expected to be delivered")
c("travel/flight_disruption",
  "flight_number|string|o|Flight number affected",
  "disruption|enum|r|What happened|delayed;cancelled;missed connection;overbooked",
  "compensation|money|o|Compensation or voucher amount",
  "new_departure_time|time|o|Time of the rebooked departure")
# education
c("education/admissions_inquiry",
  "program|string|r|Program or degree of interest",
  "application_deadline|date|o|Application deadline",
  "student_name|string|o|Name of the prospective student")
c("education/course_enrollment",
  "course|string|r|Course the student enrolls in or drops",
  "action|enum|r|What the student does|enroll;drop;switch;waitlist",
  "semester|string|o|Semester or term",
  "student_id|string|o|Student ID")
c("education/tuition_financial_aid",
  "tuition_amount|money|o|Tuition amount discussed",
  "aid_type|enum|o|Kind of aid|scholarship;grant;student loan;payment plan",
  "deadline|date|o|Deadline mentioned")
c("education/technical_support",
  "system|string|r|Portal or platform with the problem",
  "issue|enum|r|Kind of problem|login;password reset;access;upload;email",
  "resolved|boolean|o|Whether the problem was fixed")
# retail
c("retail/product_inquiry",
  "product|string|r|Product asked about",
  "in_stock|boolean|o|Whether the product is available",
  "price|money|o|Price quoted")
c("retail/loyalty_program",
  "points_balance|number|o|Loyalty points balance",
  "member_number|string|o|Membership number",
  "reward|string|o|Reward redeemed or discussed")
c("retail/complaint",
  "product|string|o|Product or service complained about",
  "complaint_type|enum|r|Kind of complaint|product quality;staff;price;delivery;store",
  "resolution|enum|o|What was offered|refund;replacement;store credit;apology;none")
json.dump(S, open(os.path.join(ROOT, "prompt-schemas.json"), "w"), indent=1)
tax = json.load(open(os.path.join(ROOT, "taxonomy.json")))
pairs = {f"{d['domain']}/{c['category']}" for d in tax["domains"] for c in d["categories"]}
print("missing", pairs - set(S), "extra", set(S) - pairs - {"generic"})
