using MagicHub.Gateway.Apis;

// The slim builder leaves out IIS integration and HTTP/3 (QUIC), which the gateway never uses on Linux (less to load
// and, in the Native AOT image, to compile in); HTTPS endpoints from configuration still work.
var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.UseKestrelHttpsConfiguration();

builder.AddServiceDefaults("gateway");
builder.AddGateway();
builder.AddGatewaySecurity();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseGatewaySecurity();
app.MapGatewayApi();
app.MapReverseProxy();

app.Run();
