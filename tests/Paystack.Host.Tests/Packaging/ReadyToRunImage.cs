using System.IO.Compression;
using System.Reflection.PortableExecutable;

namespace Paystack.Host.Tests.Packaging;

/// <summary>Whether an assembly carries precompiled (ReadyToRun) code: its CLI header points at a ReadyToRun header.</summary>
public static class ReadyToRunImage
{
    public static bool Is(ZipArchiveEntry assembly)
    {
        // PEReader needs a seekable stream; zip entries are not.
        using var copy = new MemoryStream();
        using (var stream = assembly.Open()) stream.CopyTo(copy);
        copy.Position = 0;
        using var reader = new PEReader(copy);
        var header = reader.PEHeaders.CorHeader ?? throw new InvalidDataException($"{assembly.FullName} is not a .NET assembly.");
        return header.ManagedNativeHeaderDirectory.Size > 0;
    }
}
