namespace Paystack.Actors.Paystack;

/// <summary>Why a request failed for good; decides whether the engine may try again later and what the user is told.</summary>
public enum PaystackErrorKind
{
    /// <summary>401/403: the secret key was rejected. A configuration error; retrying cannot help.</summary>
    Unauthorized,
    /// <summary>400: Paystack refused the request's parameters.</summary>
    BadRequest,
    /// <summary>404: the endpoint or entity does not exist.</summary>
    NotFound,
    /// <summary>429, 408, 5xx, resets or timeouts still failing after every retry.</summary>
    Transient,
    /// <summary>A 2xx body that is not Paystack's JSON envelope (HTML, truncated JSON).</summary>
    InvalidResponse,
    /// <summary>The host could not be reached at all (DNS, refused connection).</summary>
    Unreachable,
}
