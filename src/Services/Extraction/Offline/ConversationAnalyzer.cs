using System.Text.RegularExpressions;
using MagicHub.Extraction.Contracts;
using MagicHub.Extraction.Transcripts;

namespace MagicHub.Extraction.Offline;

/// <summary>Call direction, interaction type and the agent's coaching metrics from turn timing and phrasing.</summary>
public static partial class ConversationAnalyzer
{
    public static CallDirectionSection Direction(Transcript t, double customerSentiment)
    {
        var opening = t.Utterances.Take(3).ToList();
        var agentOpening = string.Join(" ", opening.Where(u => u.Role == Transcript.Agent).Select(u => u.Text));
        var outbound = OutboundCue().Count(agentOpening);
        var inbound = InboundCue().Count(agentOpening);
        if (opening.Count > 0 && opening[0].Role == Transcript.Customer && opening[0].Text.Split(' ').Length <= 3) outbound++;
        var direction = outbound > inbound ? "outbound" : "inbound";
        var confidence = outbound == inbound ? 0.55 : Math.Min(0.95, 0.6 + (0.15 * Math.Abs(outbound - inbound)));
        var all = t.FullText;
        var type = SalesCue().IsMatch(all) ? "sales"
            : ComplaintCue().IsMatch(all) || customerSentiment <= -0.3 ? "complaint"
            : ServiceCue().IsMatch(all) ? "service_request"
            : "inquiry";
        return new CallDirectionSection(direction, type, Math.Round(confidence, 2));
    }

    public static AgentMetricsSection AgentMetrics(Transcript t)
    {
        var us = t.Utterances;
        double Talk(string role) => us.Where(u => u.Role == role).Sum(u => t.HasTimes ? u.Duration : u.Text.Split(' ').Length);
        var agentTalk = Talk(Transcript.Agent);
        var totalTalk = us.Sum(u => t.HasTimes ? u.Duration : u.Text.Split(' ').Length);
        double longest = 0, run = 0;
        string? longestSpeaker = null;
        int interruptions = 0, longSilences = 0;
        double silence = 0;
        for (var i = 0; i < us.Count; i++)
        {
            var sameAsPrevious = i > 0 && us[i].Role == us[i - 1].Role;
            run = sameAsPrevious ? run + us[i].Duration + Math.Max(0, us[i].Start - us[i - 1].End) : us[i].Duration;
            if (run > longest) { longest = run; longestSpeaker = us[i].Role; }
            if (i == 0 || !t.HasTimes) continue;
            var gap = us[i].Start - us[i - 1].End;
            if (gap < -0.2 && !sameAsPrevious) interruptions++;
            if (gap > 0) silence += gap;
            if (gap >= 3) longSilences++;
        }
        var agentText = us.Where(u => u.Role == Transcript.Agent).Select(u => u.Text).ToList();
        var questions = agentText.Sum(s => s.Count(c => c == '?') + (s.Contains('?', StringComparison.Ordinal) ? 0 : QuestionStart().Count(s)));
        var first = agentText.FirstOrDefault() ?? "";
        var lastTwo = string.Join(" ", agentText.TakeLast(2).Concat(us.TakeLast(2).Select(u => u.Text)));
        var greeting = GreetingCue().IsMatch(first);
        var empathy = agentText.Any(s => EmpathyCue().IsMatch(s));
        var closing = ClosingCue().IsMatch(lastTwo);
        var ratio = totalTalk > 0 ? Math.Round(agentTalk / totalTalk, 3) : 0;
        var suggestions = new List<string>();
        if (!greeting) suggestions.Add("Open with a greeting that names the company and yourself.");
        if (!empathy) suggestions.Add("Acknowledge the customer's situation with an empathy statement (e.g. \"I understand how frustrating that is\").");
        if (!closing) suggestions.Add("Close the call: ask whether anything else is needed and thank the customer.");
        if (ratio > 0.65) suggestions.Add($"Talk less: the agent spoke {ratio:P0} of the time; aim for under 60% and ask open questions.");
        if (questions == 0) suggestions.Add("Ask questions to confirm the customer's need and details.");
        if (interruptions > 1) suggestions.Add($"Avoid talking over the customer ({interruptions} interruptions).");
        if (longSilences > 0) suggestions.Add($"Fill long pauses ({longSilences} over 3 s) by explaining what you are doing.");
        if (longest > 45 && longestSpeaker == Transcript.Agent) suggestions.Add($"Break up long explanations (longest agent monologue {longest:0} s).");
        return new AgentMetricsSection(ratio, Math.Round(longest, 2), longestSpeaker, interruptions, Math.Round(silence, 2), longSilences,
            questions, greeting, empathy, closing, suggestions);
    }

    [GeneratedRegex(@"\b(am i speaking (with|to)|is this (mr|mrs|ms)|i'?m calling (from|about|to|you)|calling (you )?(from|about|to let you know|regarding)|reaching out|you qualify|we noticed|following up on)\b", RegexOptions.IgnoreCase)]
    private static partial Regex OutboundCue();

    [GeneratedRegex(@"\b(thank(s| you) for calling|how (can|may) i (help|assist)|what can i do for you|you'?ve reached|welcome to)\b", RegexOptions.IgnoreCase)]
    private static partial Regex InboundCue();

    [GeneratedRegex(@"\b(upgrade|special offer|promotion|qualify|discount|deal|interested in|sign (you )?up|switch you|purchase|buy)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SalesCue();

    [GeneratedRegex(@"\b(complain\w*|unacceptable|ridiculous|frustrat\w*|speak to (a|your) (manager|supervisor)|terrible|worst)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ComplaintCue();

    [GeneratedRegex(@"\b(block|cancel|book|booked|reschedule|replace\w*|refund|reset|change|update|transfer|repair|file|report|return)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ServiceCue();

    [GeneratedRegex(@"^(what|when|where|why|how|who|which|can|could|would|will|do|does|did|is|are|may)\b", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex QuestionStart();

    [GeneratedRegex(@"\b(hello|hi|good (morning|afternoon|evening)|thank(s| you) for calling|welcome|this is \w+)\b", RegexOptions.IgnoreCase)]
    private static partial Regex GreetingCue();

    [GeneratedRegex(@"\b(i understand|i'?m (so |very |really )?sorry|i apologi[sz]e|i can imagine|that must be|i hear you|i know how|of course|happy to help|no problem|absolutely)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EmpathyCue();

    [GeneratedRegex(@"\b(anything else|have a (nice|great|good|wonderful) (day|evening|weekend)|thank(s| you) for (calling|your|being)|goodbye|bye|take care|you'?re (all )?(set|booked)|done)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ClosingCue();
}
