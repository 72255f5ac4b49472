namespace Paystack.Host.Admin;

/// <summary>The admin endpoint could not be reached or refused the request; the message tells the user what to do.</summary>
internal sealed class AdminClientException(string message) : Exception(message);
