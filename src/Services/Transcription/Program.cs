using MagicHub.Transcription;
using MagicHub.Transcription.Transcribe;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults("transcription");
builder.AddTranscription();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapTranscribeApi();

app.Run();

/// <summary>Entry point, visible to functional tests.</summary>
public partial class Program;
