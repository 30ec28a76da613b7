using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace MagicHub.Transcription.Audio;

/// <summary>Decodes any upload ffmpeg understands to 16 kHz s16le PCM, streaming from the ffmpeg process (stereo kept per channel).</summary>
public sealed class FfmpegDecoder(IOptions<TranscriptionOptions> options)
{
    private readonly TranscriptionOptions _options = options.Value;

    public async Task<DecodedAudio> DecodeAsync(AudioUpload upload, CancellationToken cancellationToken)
    {
        var (channels, declared) = await ProbeAsync(upload.Path, cancellationToken);
        if (declared > _options.MaxDurationSeconds)
        {
            throw AudioRejectedException.TooLong(declared, _options.MaxDurationSeconds);
        }

        var outChannels = channels == 2 ? 2 : 1;
        var maxSamples = (long)(_options.MaxDurationSeconds * DecodedAudio.SampleRate) + DecodedAudio.SampleRate;
        var buffers = Enumerable.Range(0, outChannels).Select(_ => new PcmBuffer(declared)).ToArray();
        using var process = Start(_options.FfmpegPath,
            "-v", "error", "-nostdin", "-i", upload.Path, "-map", "0:a:0", "-ac", outChannels.ToString(CultureInfo.InvariantCulture),
            "-ar", DecodedAudio.SampleRate.ToString(CultureInfo.InvariantCulture), "-f", "s16le", "-acodec", "pcm_s16le", "pipe:1");
        // A cancelled request or a rejected stream must not leave ffmpeg running.
        using var stop = cancellationToken.Register(() => KillQuietly(process));
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var frameBytes = 2 * outChannels;
        var chunk = new byte[64 * 1024];
        var filled = 0;
        var stdout = process.StandardOutput.BaseStream;
        int read;
        while ((read = await stdout.ReadAsync(chunk.AsMemory(filled), cancellationToken)) > 0)
        {
            filled += read;
            var whole = filled - (filled % frameBytes);
            for (var i = 0; i < whole; i += frameBytes)
            {
                for (var c = 0; c < outChannels; c++)
                {
                    buffers[c].Add(BinaryPrimitives.ReadInt16LittleEndian(chunk.AsSpan(i + (2 * c))));
                }
            }

            chunk.AsSpan(whole, filled - whole).CopyTo(chunk);
            filled -= whole;
            if (buffers[0].Count > maxSamples)
            {
                KillQuietly(process);
                throw AudioRejectedException.TooLong(buffers[0].Count / (double)DecodedAudio.SampleRate, _options.MaxDurationSeconds);
            }
        }

        await process.WaitForExitAsync(cancellationToken);
        var errors = await stderr;
        var audio = new DecodedAudio([.. buffers.Select(b => b.ToArray())]);
        if (audio.DurationSeconds == 0)
        {
            throw process.ExitCode != 0 ? AudioRejectedException.Corrupt("ffmpeg could not decode the audio: " + FirstLine(errors)) : AudioRejectedException.NoSamples();
        }

        if (declared > 1 && audio.DurationSeconds < (declared * 0.9) - 0.5)
        {
            throw AudioRejectedException.Truncated(audio.DurationSeconds, declared);
        }

        return audio;
    }

    private async Task<(int Channels, double Duration)> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        using var process = Start(_options.FfprobePath,
            "-v", "error", "-select_streams", "a:0", "-show_entries", "stream=channels,duration:format=duration", "-of", "json", path);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        var json = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw AudioRejectedException.Corrupt("The audio container could not be read: " + FirstLine(await stderr));
        }

        using var doc = JsonDocument.Parse(json);
        if (!doc.RootElement.TryGetProperty("streams", out var streams) || streams.GetArrayLength() == 0)
        {
            throw AudioRejectedException.Corrupt("The file holds no audio stream.");
        }

        var stream = streams[0];
        var channels = stream.TryGetProperty("channels", out var ch) ? ch.GetInt32() : 1;
        var duration = Seconds(stream) ?? (doc.RootElement.TryGetProperty("format", out var format) ? Seconds(format) : null) ?? 0;
        return (channels, duration);
    }

    private static double? Seconds(JsonElement element) =>
        element.TryGetProperty("duration", out var d) && double.TryParse(d.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? s : null;

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "unknown error";
        var bracket = line.IndexOf("] ", StringComparison.Ordinal);
        return line.StartsWith('[') && bracket > 0 ? line[(bracket + 2)..] : line;
    }

    private static void KillQuietly(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
        catch (InvalidOperationException)
        {
            // already exited
        }
    }

    private static Process Start(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
    }

    private sealed class PcmBuffer(double expectedSeconds)
    {
        private short[] _data = new short[Math.Clamp((int)(expectedSeconds * DecodedAudio.SampleRate) + 1024, 1024, 64_000_000)];

        public int Count { get; private set; }

        public void Add(short sample)
        {
            if (Count == _data.Length)
            {
                Array.Resize(ref _data, _data.Length * 2);
            }

            _data[Count++] = sample;
        }

        public short[] ToArray() => _data.AsSpan(0, Count).ToArray();
    }
}
