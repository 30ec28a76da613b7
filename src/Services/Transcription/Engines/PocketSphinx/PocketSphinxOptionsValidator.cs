using Microsoft.Extensions.Options;

namespace MagicHub.Transcription.Engines.PocketSphinx;

/// <summary>Checks the data annotations of <see cref="PocketSphinxOptions"/> (source-generated: no reflection, Native AOT safe).</summary>
[OptionsValidator]
public sealed partial class PocketSphinxOptionsValidator : IValidateOptions<PocketSphinxOptions>;
