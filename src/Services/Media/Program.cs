using MagicHub.Media.Media;
using MagicHub.Media.Uploads;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults("media");
builder.AddMedia();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapMediaApi();
app.MapUploadsApi();

app.Run();
