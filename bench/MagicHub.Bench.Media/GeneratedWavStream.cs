using System.Buffers.Binary;

namespace MagicHub.Bench.Media;

/// <summary>
/// A WAV file of any size produced on the fly: a 44-byte header, then pseudo-random 16-bit PCM.
/// Nothing is held in memory beyond one block, so a 1 GB upload needs no 1 GB file or buffer.
/// </summary>
public sealed class GeneratedWavStream : Stream
{
    private const int BlockSize = 1 << 20;
    private readonly byte[] _block = new byte[BlockSize];
    private readonly byte[] _header = new byte[44];
    private readonly long _length;
    private readonly int _seed;
    private long _position;

    public GeneratedWavStream(long length, int seed)
    {
        _length = length;
        _seed = seed;
        new Random(seed).NextBytes(_block);
        var data = (uint)Math.Min(length - 44, uint.MaxValue);
        "RIFF"u8.CopyTo(_header);
        BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(4), data + 36);
        "WAVEfmt "u8.CopyTo(_header.AsSpan(8));
        BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(16), 16);
        BinaryPrimitives.WriteUInt16LittleEndian(_header.AsSpan(20), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(_header.AsSpan(22), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(24), 16000);
        BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(28), 32000);
        BinaryPrimitives.WriteUInt16LittleEndian(_header.AsSpan(32), 2);
        BinaryPrimitives.WriteUInt16LittleEndian(_header.AsSpan(34), 16);
        "data"u8.CopyTo(_header.AsSpan(36));
        BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(40), data);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => _length;
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var written = 0;
        while (written < buffer.Length && _position < _length)
        {
            int n;
            if (_position < 44)
            {
                n = (int)Math.Min(44 - _position, buffer.Length - written);
                _header.AsSpan((int)_position, n).CopyTo(buffer[written..]);
            }
            else
            {
                var inBlock = (int)((_position - 44) % BlockSize);
                n = (int)Math.Min(Math.Min(BlockSize - inBlock, buffer.Length - written), _length - _position);
                _block.AsSpan(inBlock, n).CopyTo(buffer[written..]);
                // Each block differs from the last, so the content never repeats (no accidental dedupe, no compressible runs).
                buffer[written] ^= (byte)(((_position - 44) / BlockSize) + _seed);
            }
            written += n;
            _position += n;
        }
        return written;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
