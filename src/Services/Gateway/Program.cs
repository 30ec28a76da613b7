using MagicHub.Gateway.Apis;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults("gateway");
builder.AddGateway();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapGatewayApi();
app.MapReverseProxy();

app.Run();
