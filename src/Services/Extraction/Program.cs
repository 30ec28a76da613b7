using MagicHub.Extraction.Extract;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults("extraction");
builder.AddExtraction();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapExtractionApi();

app.Run();

/// <summary>Entry point, visible to functional tests.</summary>
public partial class Program;
