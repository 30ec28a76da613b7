namespace MagicHub.Prompts.Prompts;

/// <summary>
/// Striped in-process locks per domain/category pair, so one instance generates a new pair once (one model call) while other
/// requests for it wait and then read the stored prompt. Across instances the unique index still decides.
/// </summary>
public sealed class PairLocks : IDisposable
{
    private readonly SemaphoreSlim[] _stripes = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    public async Task<Releaser> AcquireAsync(string domain, string category, CancellationToken ct)
    {
        var stripe = _stripes[(int)((uint)StringComparer.Ordinal.GetHashCode($"{domain}/{category}") % (uint)_stripes.Length)];
        await stripe.WaitAsync(ct);
        return new Releaser(stripe);
    }

    public void Dispose()
    {
        foreach (var s in _stripes) s.Dispose();
    }

    public readonly struct Releaser(SemaphoreSlim stripe) : IDisposable
    {
        public void Dispose() => stripe.Release();
    }
}
