using Microsoft.Extensions.Options;

namespace MagicHub.Extraction;

/// <summary>Checks the data annotations of <see cref="ExtractionOptions"/> on start (source-generated: no reflection, Native AOT safe).</summary>
[OptionsValidator]
public sealed partial class ExtractionOptionsValidator : IValidateOptions<ExtractionOptions>;
