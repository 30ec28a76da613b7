using Microsoft.Extensions.Options;

namespace MagicHub.Media;

/// <summary>Checks the data annotations of <see cref="MediaOptions"/> at start (source-generated: no reflection).</summary>
[OptionsValidator]
public sealed partial class MediaOptionsValidator : IValidateOptions<MediaOptions>;
