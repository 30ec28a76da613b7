using System.Collections;
using System.ComponentModel.DataAnnotations;

namespace MagicHub.Identity.ApiKeys;

/// <summary>
/// A collection with at least one item: <c>[MinLength(1)]</c> without its reflection (it looks up <c>Count</c> by
/// reflection, which trimming and Native AOT warn about), with the same message.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class NotEmptyAttribute() : ValidationAttribute("The field {0} must be a string or array type with a minimum length of '1'.")
{
    /// <inheritdoc />
    public override bool IsValid(object? value) => value is not ICollection { Count: 0 };
}
