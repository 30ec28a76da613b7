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
app.MapMessagingAdmin().RequireAuthorization(MagicHub.Security.PlatformPolicies.Manage);

app.Run();
