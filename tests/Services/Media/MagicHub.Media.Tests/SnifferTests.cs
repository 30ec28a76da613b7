using MagicHub.Media.Contracts;
using MagicHub.Media.Ingest;
using MagicHub.Media.Sniffing;

namespace MagicHub.Media.Tests;

public sealed class SnifferTests
{
    public static TheoryData<string, string, MediaKind> Samples => new()
    {
        { "wav", "audio/wav", MediaKind.Audio },
        { "mp3-id3", "audio/mpeg", MediaKind.Audio },
        { "mp3-frame", "audio/mpeg", MediaKind.Audio },
        { "ogg", "audio/ogg", MediaKind.Audio },
        { "flac", "audio/flac", MediaKind.Audio },
        { "m4a", "audio/mp4", MediaKind.Audio },
        { "webm", "video/webm", MediaKind.Audio },
        { "png", "image/png", MediaKind.Image },
        { "jpeg", "image/jpeg", MediaKind.Image },
        { "tiff", "image/tiff", MediaKind.Image },
        { "pdf", "application/pdf", MediaKind.Document },
        { "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", MediaKind.Document },
        { "zip", "application/zip", MediaKind.Document },
        { "text", "text/plain", MediaKind.Document },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Formats_are_recognized_by_their_magic_bytes(string sample, string contentType, MediaKind kind)
    {
        byte[] bytes = sample switch
        {
            "wav" => Fixtures.Wav(0.1),
            "mp3-id3" => Fixtures.Mp3WithId3(),
            "mp3-frame" => Fixtures.Mp3Frame(),
            "ogg" => Fixtures.Ogg(),
            "flac" => Fixtures.Flac(),
            "m4a" => Fixtures.M4a(),
            "webm" => Fixtures.WebM(),
            "png" => Fixtures.Png(),
            "jpeg" => Fixtures.Jpeg(),
            "tiff" => Fixtures.Tiff(),
            "pdf" => Fixtures.Pdf(),
            "docx" => Fixtures.Docx(),
            "zip" => Fixtures.Zip(),
            _ => "Plain notes, line one.\nLine two — with a dash."u8.ToArray(),
        };
        var detected = ContentSniffer.Detect(bytes);
        Assert.NotNull(detected);
        Assert.Equal(contentType, detected.ContentType);
        Assert.Equal(kind, detected.Kind);
    }

    [Fact]
    public void Random_binary_is_not_recognized()
    {
        var bytes = new byte[4096];
        new Random(42).NextBytes(bytes);
        bytes[0] = 0x00;
        bytes[1] = 0x01;
        Assert.Null(ContentSniffer.Detect(bytes));
    }

    [Fact]
    public void Wav_duration_is_read_from_the_header()
    {
        var wav = Fixtures.Wav(2.5, 8000);
        Assert.Equal(2.5, AudioDuration.FromHeader("audio/wav", wav, wav.Length));
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("..\\..\\windows\\system32\\config", "config")]
    [InlineData("/abs/path/call.wav", "call.wav")]
    [InlineData("..", null)]
    [InlineData("a\u0000b<c>.wav", "abc.wav")]
    [InlineData("   ", null)]
    public void File_names_are_reduced_to_a_safe_last_segment(string input, string? expected) =>
        Assert.Equal(expected, FileNames.Sanitize(input));
}
