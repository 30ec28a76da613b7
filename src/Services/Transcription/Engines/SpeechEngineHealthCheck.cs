using MagicHub.Transcription.Engines.PocketSphinx;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace MagicHub.Transcription.Engines;

/// <summary>Readiness: ffmpeg/ffprobe are installed and, for the offline engine, the PocketSphinx models are where configured.</summary>
internal sealed class SpeechEngineHealthCheck(IOptions<TranscriptionOptions> options, IOptions<PocketSphinxOptions> sphinx) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var missing = new[] { o.FfmpegPath, o.FfprobePath }.Where(tool => !OnPath(tool)).ToList();
        if (missing.Count > 0)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"Not installed: {string.Join(", ", missing)} (apt-get install ffmpeg)."));
        }

        if (o.Engine == "pocketsphinx")
        {
            try
            {
                _ = sphinx.Value;
            }
            catch (OptionsValidationException invalid)
            {
                return Task.FromResult(HealthCheckResult.Unhealthy(invalid.Message));
            }
        }

        return Task.FromResult(HealthCheckResult.Healthy($"engine {o.Engine}"));
    }

    private static bool OnPath(string tool) => tool.Contains('/', StringComparison.Ordinal)
        ? File.Exists(tool)
        : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Any(dir => File.Exists(Path.Combine(dir, tool)));
}
