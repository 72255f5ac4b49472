using System.Diagnostics;
using System.Globalization;

namespace Paystack.Host.Tests.Sync;

/// <summary>
/// A real file system of a few hundred kilobytes (a tmpfs mounted on a temporary folder), so that writes fail as on a
/// full disk (ENOSPC, SQLite's "database or disk is full"); <see cref="GrowAsync"/> stands for an operator freeing space.
/// Mounting needs root (CI runs as root); elsewhere <see cref="StartAsync"/> gives the reason to skip.
/// </summary>
public sealed class SmallDisk : IAsyncDisposable
{
    private SmallDisk(string folder) => Folder = folder;

    public string Folder { get; }

    /// <returns>The disk, or the reason it could not be mounted here.</returns>
    public static async Task<(SmallDisk? Disk, string? SkipReason)> StartAsync(int kilobytes)
    {
        if (!OperatingSystem.IsLinux()) return (null, "a small disk is a tmpfs mount, a Linux matter");
        var folder = Directory.CreateTempSubdirectory("paystack-sync-small-disk-").FullName;
        var (code, output) = await RunAsync("mount", "-t", "tmpfs", "-o", Size(kilobytes), "tmpfs", folder);
        if (code == 0) return (new SmallDisk(folder), null);
        Directory.Delete(folder);
        return (null, $"could not mount a tmpfs (needs root): {output.Trim()}");
    }

    /// <summary>Fills what room is left with a file of its own (<see cref="FreeFiller"/> deletes it).</summary>
    public void Fill()
    {
        using var filler = new FileStream(FillerPath, FileMode.Create, FileAccess.Write);
        var block = new byte[64 * 1024];
        try
        {
            while (true) filler.Write(block);
        }
        catch (IOException)
        {
            // no space left on the device: what was asked
        }
    }

    /// <summary>Deletes what <see cref="Fill"/> wrote, as an operator clearing space would.</summary>
    public void FreeFiller() => File.Delete(FillerPath);

    private string FillerPath => Path.Combine(Folder, "filler");

    /// <summary>Gives the disk room again, as deleting files on a full disk would.</summary>
    public async Task GrowAsync(int kilobytes)
    {
        var (code, output) = await RunAsync("mount", "-o", $"remount,{Size(kilobytes)}", Folder);
        if (code != 0) throw new InvalidOperationException($"remounting {Folder} failed: {output}");
    }

    public async ValueTask DisposeAsync()
    {
        await RunAsync("umount", "--lazy", Folder);
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // still busy; the lazy unmount detaches it anyway
        }
    }

    private static string Size(int kilobytes) => $"size={kilobytes.ToString(CultureInfo.InvariantCulture)}k";

    private static async Task<(int Code, string Output)> RunAsync(string command, params string[] args)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await output + await error);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message); // no such command
        }
    }
}
