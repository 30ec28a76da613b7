using MagicHub.Prompts.Prompts;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults("prompts");
builder.AddPrompts();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapPromptsApi();

app.Run();

/// <summary>Entry point, visible to functional tests.</summary>
public partial class Program;
