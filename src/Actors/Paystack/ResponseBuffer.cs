using System.Buffers;

namespace Paystack.Actors.Paystack;

/// <summary>A response body read into a pooled array, so that pages do not each allocate a large buffer.</summary>
internal sealed class ResponseBuffer : IDisposable
{
    /// <summary>Far above any page Paystack sends; guards memory against a runaway body.</summary>
    public const int MaxBytes = 256 * 1024 * 1024;

    private byte[]? _buffer;
    private readonly int _length;

    private ResponseBuffer(byte[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
    }

    public ReadOnlyMemory<byte> Memory => (_buffer ?? throw new ObjectDisposedException(nameof(ResponseBuffer))).AsMemory(0, _length);

    public static async Task<ResponseBuffer> ReadAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var expected = content.Headers.ContentLength;
        var buffer = ArrayPool<byte>.Shared.Rent(expected is > 0 and < MaxBytes ? (int)expected.Value + 1 : 16 * 1024);
        var length = 0;
        try
        {
            var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                while (true)
                {
                    if (length == buffer.Length)
                    {
                        if (buffer.Length >= MaxBytes)
                        {
                            throw new InvalidBodyException($"a body larger than {MaxBytes / (1024 * 1024)} MB", retryable: false);
                        }

                        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, MaxBytes));
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return new ResponseBuffer(buffer, length);
                    }

                    length += read;
                }
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
