using MagicHub.Identity;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults("identity");
builder.AddIdentityService();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapIdentityApi();

app.Run();
