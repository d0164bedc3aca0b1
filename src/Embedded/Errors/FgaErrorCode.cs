namespace TypedFga.Embedded.Errors;

/// <summary>
/// OpenFGA's numeric error codes, named as OpenFGA names them on the wire (the enum name in snake_case
/// is the <c>code</c> of an error body). The numeric range decides the HTTP status.
/// </summary>
public enum FgaErrorCode
{
    /// <summary>The request is malformed or a value is out of range.</summary>
    ValidationError = 2000,

    /// <summary>The authorization model id does not exist in the store.</summary>
    AuthorizationModelNotFound = 2001,

    /// <summary>Resolving the request needed more than the resolution depth limit.</summary>
    AuthorizationModelResolutionTooComplex = 2002,

    /// <summary>A Write with neither writes nor deletes.</summary>
    InvalidWriteInput = 2003,

    /// <summary>The same tuple appears twice in one Write.</summary>
    CannotAllowDuplicateTuplesInOneRequest = 2004,

    /// <summary>The continuation token cannot be decoded.</summary>
    InvalidContinuationToken = 2007,

    /// <summary>A written tuple already exists or a deleted tuple does not.</summary>
    WriteFailedDueToInvalidInput = 2017,

    /// <summary>The store has no authorization model yet.</summary>
    LatestAuthorizationModelNotFound = 2020,

    /// <summary>A type is not defined in the model.</summary>
    TypeNotFound = 2021,

    /// <summary>A relation is not defined on its type.</summary>
    RelationNotFound = 2022,

    /// <summary>The user field is not a valid user.</summary>
    InvalidUser = 2025,

    /// <summary>A tuple does not fit the model.</summary>
    InvalidTuple = 2027,

    /// <summary>A required tuple key field is empty.</summary>
    TupleKeyValueNotSpecified = 2037,

    /// <summary>The page size is out of range.</summary>
    PageSizeInvalid = 2039,

    /// <summary>A request exceeds a configured entity limit.</summary>
    ExceededEntityLimit = 2053,

    /// <summary>The authorization model is invalid.</summary>
    InvalidAuthorizationModel = 2056,

    /// <summary>The start time of ReadChanges is invalid.</summary>
    InvalidStartTime = 2059,

    /// <summary>An unexpected internal failure.</summary>
    InternalError = 4000,

    /// <summary>The store does not exist.</summary>
    StoreIdNotFound = 5002,
}
