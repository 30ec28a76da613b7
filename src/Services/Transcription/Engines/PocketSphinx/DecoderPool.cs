using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace MagicHub.Transcription.Engines.PocketSphinx;

/// <summary>
/// A bounded pool of PocketSphinx decoders (one per core within the memory budget). Decoders are created on first
/// demand, kept warm and reused; a caller waits when all are busy.
/// </summary>
internal sealed class DecoderPool(IOptions<PocketSphinxOptions> options) : IDisposable
{
    private readonly PocketSphinxOptions _options = options.Value;
    private readonly SemaphoreSlim _slots = new(options.Value.EffectivePoolSize, options.Value.EffectivePoolSize);
    private readonly ConcurrentBag<PocketSphinxDecoder> _idle = [];
    private readonly ConcurrentDictionary<PocketSphinxDecoder, bool> _live = new();

    public int Size => _options.EffectivePoolSize;

    /// <summary>Runs <paramref name="work"/> on a decoder of its own, on a worker thread.</summary>
    public async Task<T> RunAsync<T>(Func<PocketSphinxDecoder, T> work, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(() =>
            {
                if (!_idle.TryTake(out var decoder))
                {
                    decoder = new PocketSphinxDecoder(_options);
                    _live[decoder] = true;
                }

                try
                {
                    return work(decoder);
                }
                finally
                {
                    Return(decoder);
                }
            }, cancellationToken);
        }
        finally
        {
            _slots.Release();
        }
    }

    // Live cepstral mean normalization carries state from stream to stream; resetting it (or, failing that, a fresh
    // decoder per stream) keeps results reproducible and identical to the CLI's. A replacement loads off the request's
    // critical path.
    private void Return(PocketSphinxDecoder decoder)
    {
        if (!_options.FreshDecoderPerStream || decoder.TryResetAdaptation())
        {
            _idle.Add(decoder);
            return;
        }

        _live.TryRemove(decoder, out _);
        decoder.Dispose();
        _ = Task.Run(() =>
        {
            var fresh = new PocketSphinxDecoder(_options);
            _live[fresh] = true;
            _idle.Add(fresh);
        });
    }

    public void Dispose()
    {
        foreach (var decoder in _live.Keys)
        {
            decoder.Dispose();
        }

        _slots.Dispose();
    }
}
