using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace TypedFga.Pipeline.Tests.Architecture;

/// <summary>
/// Which namespaces of an assembly use which: for every type, the types its signatures, attributes and method bodies
/// name, read from the compiled assembly's metadata and IL, so that nothing a source file hides (a fully qualified
/// name, a <c>using static</c>) is missed.
/// </summary>
internal static class TypeReferenceReader
{
    /// <summary>The namespace edges (from, to) between distinct namespaces of the assembly at <paramref name="path"/>.</summary>
    public static IReadOnlySet<(string From, string To)> NamespaceEdges(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var edges = new HashSet<(string, string)>();
        foreach (var handle in metadata.TypeDefinitions)
        {
            var type = metadata.GetTypeDefinition(handle);
            var from = NamespaceOf(metadata, handle);
            if (from.Length == 0 || IsCompilerGenerated(metadata, type))
            {
                continue;
            }

            // A type without a base (an interface) leaves a nil handle behind.
            foreach (var used in UsedTypes(metadata, pe, type).Where(used => !used.IsNil))
            {
                var to = NamespaceOf(metadata, used);
                if (to.Length > 0 && to != from)
                {
                    edges.Add((from, to));
                }
            }
        }

        return edges;
    }

    /// <summary>The namespace of a type of this assembly, the outermost type's for a nested one; "" for another assembly's.</summary>
    private static string NamespaceOf(MetadataReader metadata, TypeDefinitionHandle handle)
    {

        var type = metadata.GetTypeDefinition(handle);
        while (type.GetDeclaringType() is { IsNil: false } declaring)
        {
            type = metadata.GetTypeDefinition(declaring);
        }

        return metadata.GetString(type.Namespace);
    }

    private static bool IsCompilerGenerated(MetadataReader metadata, TypeDefinition type) =>
        metadata.GetString(type.Name).StartsWith('<');

    private static IEnumerable<TypeDefinitionHandle> UsedTypes(MetadataReader metadata, PEReader pe, TypeDefinition type)
    {
        var found = new HashSet<TypeDefinitionHandle>();
        var provider = new SignatureTypes(found);
        Add(metadata, type.BaseType, found, provider);
        foreach (var implementation in type.GetInterfaceImplementations())
        {
            Add(metadata, metadata.GetInterfaceImplementation(implementation).Interface, found, provider);
        }

        foreach (var nested in type.GetNestedTypes())
        {
            found.Add(nested);
            foreach (var inner in UsedTypes(metadata, pe, metadata.GetTypeDefinition(nested)))
            {
                found.Add(inner);
            }
        }

        foreach (var fieldHandle in type.GetFields())
        {
            metadata.GetFieldDefinition(fieldHandle).DecodeSignature(provider, null);
        }

        foreach (var methodHandle in type.GetMethods())
        {
            var method = metadata.GetMethodDefinition(methodHandle);
            method.DecodeSignature(provider, null);
            if (method.RelativeVirtualAddress != 0)
            {
                ScanBody(metadata, pe.GetMethodBody(method.RelativeVirtualAddress), found, provider);
            }
        }

        foreach (var attribute in type.GetCustomAttributes())
        {
            AddMember(metadata, metadata.GetCustomAttribute(attribute).Constructor, found, provider);
        }

        return found;
    }

    private static void ScanBody(MetadataReader metadata, MethodBodyBlock body, HashSet<TypeDefinitionHandle> found, SignatureTypes provider)
    {
        if (!body.LocalSignature.IsNil)
        {
            metadata.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(provider, null);
        }

        var il = body.GetILReader();
        while (il.RemainingBytes > 0)
        {
            var opCode = ReadOpCode(ref il);
            switch (OperandSize(opCode))
            {
                case OperandKind.Token:
                    AddHandle(metadata, MetadataTokens.EntityHandle(il.ReadInt32()), found, provider);
                    break;
                case OperandKind.Switch:
                    // The count is read first: "Offset +=" would take the offset from before the read.
                    var targets = il.ReadInt32();
                    il.Offset += 4 * targets;
                    break;
                case OperandKind.None:
                    break;
                default:
                    il.Offset += (int)OperandSize(opCode);
                    break;
            }
        }
    }

    private static void AddHandle(MetadataReader metadata, EntityHandle handle, HashSet<TypeDefinitionHandle> found, SignatureTypes provider)
    {
        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition:
            case HandleKind.TypeSpecification:
            case HandleKind.TypeReference:
                Add(metadata, handle, found, provider);
                break;
            case HandleKind.MethodDefinition:
            case HandleKind.MemberReference:
            case HandleKind.MethodSpecification:
            case HandleKind.FieldDefinition:
                AddMember(metadata, handle, found, provider);
                break;
        }
    }

    private static void AddMember(MetadataReader metadata, EntityHandle handle, HashSet<TypeDefinitionHandle> found, SignatureTypes provider)
    {
        switch (handle.Kind)
        {
            case HandleKind.MethodDefinition:
                var method = metadata.GetMethodDefinition((MethodDefinitionHandle)handle);
                found.Add(method.GetDeclaringType());
                method.DecodeSignature(provider, null);
                break;
            case HandleKind.FieldDefinition:
                var field = metadata.GetFieldDefinition((FieldDefinitionHandle)handle);
                found.Add(field.GetDeclaringType());
                field.DecodeSignature(provider, null);
                break;
            case HandleKind.MemberReference:
                var member = metadata.GetMemberReference((MemberReferenceHandle)handle);
                Add(metadata, member.Parent, found, provider);
                if (member.GetKind() == MemberReferenceKind.Method)
                {
                    member.DecodeMethodSignature(provider, null);
                }
                else
                {
                    member.DecodeFieldSignature(provider, null);
                }

                break;
            case HandleKind.MethodSpecification:
                var specification = metadata.GetMethodSpecification((MethodSpecificationHandle)handle);
                AddMember(metadata, specification.Method, found, provider);
                specification.DecodeSignature(provider, null);
                break;
        }
    }

    private static void Add(MetadataReader metadata, EntityHandle handle, HashSet<TypeDefinitionHandle> found, SignatureTypes provider)
    {
        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition:
                found.Add((TypeDefinitionHandle)handle);
                break;
            case HandleKind.TypeSpecification:
                metadata.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(provider, null);
                break;
            case HandleKind.MethodDefinition:
            case HandleKind.MemberReference:
                AddMember(metadata, handle, found, provider);
                break;
        }
    }

    private static ushort ReadOpCode(ref BlobReader il)
    {
        var first = il.ReadByte();
        return first == 0xFE ? (ushort)(0xFE00 | il.ReadByte()) : first;
    }

    private enum OperandKind
    {
        None = 0,
        One = 1,
        Two = 2,
        Four = 4,
        Eight = 8,
        Token = 100,
        Switch = 101,
    }

    // The operand of every IL opcode (ECMA-335 III), by the size to skip, or how to read it.
    private static OperandKind OperandSize(ushort opCode) => opCode switch
    {
        0x0E or 0x0F or 0x10 or 0x11 or 0x12 or 0x13 or 0x1F or (>= 0x2B and <= 0x37) or 0xDE => OperandKind.One,
        0xFE09 or 0xFE0A or 0xFE0B or 0xFE0C or 0xFE0D or 0xFE0E or 0xFE12 or 0xFE19 => opCode is 0xFE12 or 0xFE19 ? OperandKind.One : OperandKind.Two,
        // ldstr's operand names a string, not a member.
        0x20 or 0x22 or 0x72 or (>= 0x38 and <= 0x44) or 0xDD => OperandKind.Four,
        0x21 or 0x23 => OperandKind.Eight,
        0x45 => OperandKind.Switch,
        0x27 or 0x28 or 0x29 or 0x6F or 0x70 or 0x71 or 0x73 or 0x74 or 0x75 or 0x79 or 0x7B or 0x7C or 0x7D or 0x7E or 0x7F or 0x80
            or 0x81 or 0x8C or 0x8D or 0x8F or 0xA3 or 0xA4 or 0xA5 or 0xC2 or 0xC6 or 0xD0 or 0xFE06 or 0xFE07 or 0xFE15 or 0xFE16 or 0xFE1C => OperandKind.Token,
        _ => OperandKind.None,
    };

    /// <summary>Collects the type definitions of this assembly named in signatures.</summary>
    private sealed class SignatureTypes(HashSet<TypeDefinitionHandle> found) : ISignatureTypeProvider<int, object?>
    {
        public int GetArrayType(int elementType, ArrayShape shape) => 0;
        public int GetByReferenceType(int elementType) => 0;
        public int GetFunctionPointerType(MethodSignature<int> signature) => 0;
        public int GetGenericInstantiation(int genericType, ImmutableArray<int> typeArguments) => 0;
        public int GetGenericMethodParameter(object? genericContext, int index) => 0;
        public int GetGenericTypeParameter(object? genericContext, int index) => 0;
        public int GetModifiedType(int modifier, int unmodifiedType, bool isRequired) => 0;
        public int GetPinnedType(int elementType) => 0;
        public int GetPointerType(int elementType) => 0;
        public int GetPrimitiveType(PrimitiveTypeCode typeCode) => 0;
        public int GetSZArrayType(int elementType) => 0;

        public int GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
        {
            found.Add(handle);
            return 0;
        }

        public int GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => 0;

        public int GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
    }
}
