using System.Text.Json.Nodes;

namespace Paystack.Sandbox.Generators;

/// <summary>Builds one resource's records, shaped like the real API's, from a <see cref="RecordContext"/>.</summary>
internal interface IRecordGenerator
{
    /// <summary>Endpoint path, e.g. <c>transaction</c>.</summary>
    string Path { get; }

    /// <summary>Ids of generated records start above this (all beyond Int32, like real transaction ids).</summary>
    long IdBase { get; }

    /// <summary>What one record is called in messages, e.g. "Transaction" ("Transactions retrieved", "Transaction not found").</summary>
    string Noun { get; }

    /// <summary>The field that moves when a record changes (<c>updatedAt</c>), or null when the resource has none.</summary>
    string? UpdatedField { get; }

    /// <summary>Whether the endpoint filters on creation time with <c>from</c>/<c>to</c>; when not, it ignores them.</summary>
    bool FiltersByTime => true;

    /// <summary>Whether the endpoint returns everything in one response without <c>meta</c> (later pages are empty).</summary>
    bool Unpaged => false;

    /// <summary>How the endpoint pages when it does (ignored when <see cref="Unpaged"/>).</summary>
    Paging Paging => Paging.Offset;

    /// <summary>The <c>message</c> of a successful list answer.</summary>
    string ListMessage => Noun + "s retrieved";

    /// <summary>The record, with every field the real object carries (nullable ones set to null when absent).</summary>
    JsonObject Create(RecordContext context);
}
