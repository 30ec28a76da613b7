using MagicHub.Gateway.Apis;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults("gateway");
builder.AddGateway();
builder.AddGatewaySecurity();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseGatewaySecurity();
app.MapGatewayApi();
app.MapReverseProxy();

app.Run();
