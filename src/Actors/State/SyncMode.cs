namespace Paystack.Actors.State;

/// <summary>Whether a run reads everything since the start date or only what is new since the stream's cursor.</summary>
public enum SyncMode
{
    FullRefresh,
    Incremental,
}
