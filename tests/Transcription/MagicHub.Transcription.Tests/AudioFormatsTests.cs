using MagicHub.Transcription.Audio;

namespace MagicHub.Transcription.Tests;

public sealed class AudioFormatsTests
{
    [Theory]
    [InlineData("mp3", "audio/mpeg")]
    [InlineData(".MP3", "audio/mpeg")]
    [InlineData("call.wav", "audio/wav")]
    [InlineData("audio/x-wav", "audio/wav")]
    [InlineData("audio/mpeg; charset=binary", "audio/mpeg")]
    [InlineData("m4a", "audio/mp4")]
    [InlineData("opus", "audio/ogg")]
    [InlineData("audio/x-flac", "audio/flac")]
    [InlineData("video/webm", "audio/webm")]
    public void Declared_types_and_extensions_are_normalized(string input, string expected) => Assert.Equal(expected, AudioFormats.Normalize(input));

    [Theory]
    [InlineData("52494646000000005741564566", "audio/wav")]
    [InlineData("494433040000", "audio/mpeg")]
    [InlineData("FFFB9064", "audio/mpeg")]
    [InlineData("FFF15080", "audio/aac")]
    [InlineData("4F6767530002", "audio/ogg")]
    [InlineData("664C614300000022", "audio/flac")]
    [InlineData("1A45DFA3A3428681", "audio/webm")]
    [InlineData("0000002066747970344D4134", "audio/mp4")]
    [InlineData("464F524D00000000414946460000", "audio/aiff")]
    public void Containers_are_recognized_by_their_magic_bytes(string hex, string expected) => Assert.Equal(expected, AudioFormats.Sniff(Convert.FromHexString(hex)));

    [Theory]
    [InlineData("hello, this is text")]
    [InlineData("%PDF-1.7 ....")]
    [InlineData("")]
    public void Content_that_is_not_audio_is_not_recognized(string text) => Assert.Null(AudioFormats.Sniff(System.Text.Encoding.ASCII.GetBytes(text)));
}
