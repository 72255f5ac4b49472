namespace Paystack.Actors.Destinations.Sqlite;

/// <summary>
/// An exclusive lock on <c>DATABASE.lock</c> next to a SQLite destination. .NET takes it with flock(2) when a file is
/// opened with <see cref="FileShare.None"/>, so the kernel drops it the moment the holding process exits or is killed.
/// </summary>
internal static class SqliteFileLock
{
    public static string PathFor(string databasePath) => System.IO.Path.GetFullPath(databasePath) + ".lock";

    /// <summary>The lock, or null when another process (or another run of this one) holds it.</summary>
    public static FileStream? TryTake(string databasePath)
    {
        var path = PathFor(databasePath);
        var folder = System.IO.Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException) when (File.Exists(path))
        {
            return null;
        }
    }
}
