using Microsoft.Extensions.Options;

namespace MagicHub.Transcription.Engines.Cloud;

/// <summary>Checks the data annotations of <see cref="GeminiOptions"/> on start (source-generated: no reflection, Native AOT safe).</summary>
[OptionsValidator]
public sealed partial class GeminiOptionsValidator : IValidateOptions<GeminiOptions>;

/// <summary>Checks the data annotations of <see cref="OpenAiSpeechOptions"/> on start (source-generated: no reflection, Native AOT safe).</summary>
[OptionsValidator]
public sealed partial class OpenAiSpeechOptionsValidator : IValidateOptions<OpenAiSpeechOptions>;
