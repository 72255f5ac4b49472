namespace Paystack.Sandbox.Webhooks;

/// <summary>
/// Records that change over time: every second, the changes due at <paramref name="changesPerMinute"/> are made to
/// records picked at random among the resources whose records change (<see cref="RecordChanges.Events"/>), and their
/// events delivered through <paramref name="sender"/> (which drops, duplicates, reorders and forges as told).
/// </summary>
public sealed class WebhookFeed(SandboxStore store, WebhookSender sender, double changesPerMinute, int seed = 7)
{
    private readonly RecordChanges _changes = new(store);
    private readonly Random _dice = new(seed);
    private double _due;

    /// <summary>Changes made so far.</summary>
    public int Changed { get; private set; }

    /// <summary>Deliveries answered, by status code (0: the receiver could not be reached).</summary>
    public Dictionary<int, int> Answers { get; } = [];

    /// <summary>Runs until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken)) await TickAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // stopped
        }
    }

    /// <summary>One second's changes and their deliveries.</summary>
    public async Task TickAsync(CancellationToken cancellationToken)
    {
        _due += changesPerMinute / 60;
        var count = (int)_due;
        _due -= count;
        if (count == 0) return;
        var changes = Enumerable.Range(0, count).Select(_ => ChangeOne()).ToList();
        Changed += changes.Count;
        try
        {
            var report = await sender.DeliverAsync(changes, cancellationToken);
            foreach (var (status, n) in report.StatusCounts) Answers[status] = Answers.GetValueOrDefault(status) + n;
        }
        catch (HttpRequestException)
        {
            Answers[0] = Answers.GetValueOrDefault(0) + changes.Count; // the receiver is down: Paystack would retry later
        }
    }

    private RecordChange ChangeOne()
    {
        var paths = RecordChanges.Events.Keys.Where(p => store.Count(p) > 0).ToList();
        var path = paths[_dice.Next(paths.Count)];
        var ids = store.Ids(path);
        return _changes.Change(path, ids[_dice.Next(ids.Count)]);
    }
}
