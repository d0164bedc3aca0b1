namespace TypedFga.Typed;

/// <summary>An object of a model type, for example <c>document:roadmap</c>. Implemented by generated code.</summary>
public interface IFgaObject : IFgaSubject
{
    /// <summary>The object's type name in the model.</summary>
    string Type { get; }

    /// <summary>The object's id.</summary>
    string Id { get; }
}
