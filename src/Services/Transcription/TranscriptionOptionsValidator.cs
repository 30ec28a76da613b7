using Microsoft.Extensions.Options;

namespace MagicHub.Transcription;

/// <summary>Checks the data annotations of <see cref="TranscriptionOptions"/> on start (source-generated: no reflection, Native AOT safe).</summary>
[OptionsValidator]
public sealed partial class TranscriptionOptionsValidator : IValidateOptions<TranscriptionOptions>;
