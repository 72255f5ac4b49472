using Microsoft.Data.Sqlite;
using Paystack.Actors.Configuration;

namespace Paystack.Host.Running;

/// <summary>
/// Whether a SQLite file (destination or journal) can be opened for writing, checked before the engine starts, so a
/// bad path is one line naming it rather than an exception from deep inside a run. It writes nothing that stays: the
/// folders are not created, and the file is opened only when it exists.
/// </summary>
internal static class SqliteFileCheck
{
    /// <param name="path">The database file as given.</param>
    /// <param name="option">Where the path came from, to name it in the message (e.g. <c>--journal</c>).</param>
    /// <exception cref="ArgumentException">The file cannot be written; the message names <paramref name="option"/> and the path.</exception>
    public static void EnsureWritable(string path, string option)
    {
        var full = Path.GetFullPath(path);
        var problem = Problem(full);
        if (problem is not null)
            throw new ArgumentException($"{option}: cannot write {full}: {problem}");
    }

    /// <summary>The journal's SQLite file, when the persistence settings put the journal in one.</summary>
    /// <param name="option">What set the persistence: <c>--journal</c> or the HOCON key.</param>
    public static void EnsureJournalWritable(PersistenceSettings persistence, string option)
    {
        if (persistence.Provider != "sqlite") return;
        string dataSource;
        try
        {
            dataSource = new SqliteConnectionStringBuilder(persistence.ConnectionString).DataSource;
        }
        catch (ArgumentException invalid)
        {
            throw new ArgumentException($"{option}: not a SQLite connection string: {ArgumentMessages.Of(invalid)}");
        }
        // In-memory and URI data sources name no plain file to look at.
        if (string.IsNullOrWhiteSpace(dataSource) || dataSource == ":memory:" || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
            return;
        EnsureWritable(dataSource, option);
    }

    private static string? Problem(string full)
    {
        if (Directory.Exists(full))
            return $"it is a folder; name a file in it, e.g. {Path.Combine(full, "paystack.db")}";

        var folder = Path.GetDirectoryName(full);
        if (string.IsNullOrEmpty(folder)) return null;
        // The engine creates missing folders; what must hold is that the nearest one that exists takes new entries.
        var existing = folder;
        while (!Directory.Exists(existing) && !File.Exists(existing) && Path.GetDirectoryName(existing) is { } parent)
            existing = parent;
        if (File.Exists(existing))
            return $"{existing} is a file, not a folder";
        if (CannotCreateIn(existing) is { } reason)
            return existing == folder ? $"cannot create files in {folder}: {reason}" : $"cannot create the folder {folder} in {existing}: {reason}";
        return File.Exists(full) ? CannotOpen(full) : null;
    }

    /// <summary>Creates and at once deletes a uniquely named file: the one test that holds for permissions, read-only mounts and /proc alike.</summary>
    private static string? CannotCreateIn(string folder)
    {
        var probe = Path.Combine(folder, $".paystack-sync-probe-{Guid.NewGuid():N}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
                return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Reason(e, probe, folder);
        }
    }

    private static string? CannotOpen(string file)
    {
        try
        {
            using (new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete))
                return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Reason(e, file, file);
        }
    }

    private static string Reason(Exception e, string path, string shownAs) => e switch
    {
        UnauthorizedAccessException => "permission denied",
        FileNotFoundException or DirectoryNotFoundException => "the file system takes no new files there",
        _ => e.Message.Replace(path, shownAs, StringComparison.Ordinal),
    };
}
