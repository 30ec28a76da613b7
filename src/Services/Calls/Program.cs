using MagicHub.Calls.Calls;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults("calls");
builder.AddCalls();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapCallsApi();

app.Run();
