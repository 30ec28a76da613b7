using Microsoft.Extensions.Options;

namespace MagicHub.Identity;

/// <summary>Checks <see cref="IdentityServiceOptions"/> on start (source-generated: no reflection, Native AOT safe).</summary>
[OptionsValidator]
public sealed partial class IdentityServiceOptionsValidator : IValidateOptions<IdentityServiceOptions>;
