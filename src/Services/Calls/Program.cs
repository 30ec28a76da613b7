using MagicHub.Calls.Calls;
using MagicHub.Calls.Pipeline;
using MagicHub.Messaging.Admin;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults("calls");
builder.AddCalls();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapCallsApi();
app.MapPipelineApi();
// Dead letters and replay span tenants: platform operators only, never a tenant's admin.
app.MapMessagingAdmin().RequireAuthorization(MagicHub.Security.PlatformPolicies.Operate);

app.Run();
