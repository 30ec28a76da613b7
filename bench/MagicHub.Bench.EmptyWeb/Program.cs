// The default web host (CreateBuilder: Kestrel, configuration, logging) with one endpoint: nothing a service adds.
var app = WebApplication.CreateBuilder(args).Build();
app.MapGet("/health", () => "Healthy");
app.Run();
