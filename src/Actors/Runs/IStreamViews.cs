namespace Paystack.Actors.Runs;

/// <summary>A run's observer that can tell what each of its streams is doing (safe to call from any thread).</summary>
public interface IStreamViews
{
    IReadOnlyList<StreamView> Snapshot(DateTimeOffset now);

    /// <summary>Records this run has written so far (a resumed run's earlier attempts not counted).</summary>
    long Records();
}
