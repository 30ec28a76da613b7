using MagicHub.Transcription;
using MagicHub.Transcription.Transcribe;

// The slim builder leaves out IIS integration, HTTP/3 (QUIC) and the regex route constraints, which the service never
// uses: less to compile into the Native AOT image and less of it resident at idle. HTTPS endpoints from configuration still work.
var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.UseKestrelHttpsConfiguration();

builder.AddServiceDefaults("transcription");
builder.AddTranscription();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapTranscribeApi();

app.Run();

/// <summary>Entry point, visible to functional tests.</summary>
public partial class Program;
