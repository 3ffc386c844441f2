/// One invertible change to a workspace: to one of its maps, or to the maps, personas and
/// channels themselves.
public enum Change: Equatable, Sendable {
    case map(MapID, Operation)
    case insertMap(JourneyMap, index: Int)
    case removeMap(JourneyMap, index: Int)
    case moveMap(MapID, from: Int, to: Int)
    case insertPersona(Persona, index: Int)
    /// Removes a persona no map links any more (unlink it first, in the same transaction).
    case removePersona(Persona, index: Int)
    case setPersona(old: Persona, new: Persona)
    case movePersona(PersonaID, from: Int, to: Int)
    case setChannels(old: [String], new: [String])
    /// The merge conflicts still to decide: deciding one removes it.
    case setConflicts(old: [Conflict], new: [Conflict])
    /// The whole workspace at once: what another editor wrote, merged in while this one was open.
    case replaceWorkspace(old: Workspace, new: Workspace)

    public var inverse: Change {
        switch self {
        case .map(let id, let op): return .map(id, op.inverse)
        case .insertMap(let m, let i): return .removeMap(m, index: i)
        case .removeMap(let m, let i): return .insertMap(m, index: i)
        case .moveMap(let id, let f, let t): return .moveMap(id, from: t, to: f)
        case .insertPersona(let p, let i): return .removePersona(p, index: i)
        case .removePersona(let p, let i): return .insertPersona(p, index: i)
        case .setPersona(let o, let n): return .setPersona(old: n, new: o)
        case .movePersona(let id, let f, let t): return .movePersona(id, from: t, to: f)
        case .setChannels(let o, let n): return .setChannels(old: n, new: o)
        case .setConflicts(let o, let n): return .setConflicts(old: n, new: o)
        case .replaceWorkspace(let o, let n): return .replaceWorkspace(old: n, new: o)
        }
    }

    var cost: Int {
        switch self {
        case .map(_, let op): return op.cost
        case .insertMap(let m, _), .removeMap(let m, _): return MapCodec.encodedSize(of: m)
        case .moveMap, .movePersona: return 64
        case .insertPersona(let p, _), .removePersona(let p, _):
            return 64 + Persona.fields.reduce(0) { $0 + p[keyPath: $1.path].utf8.count }
        case .setPersona(let o, let n):
            return 64 + Persona.fields.reduce(0) { $0 + o[keyPath: $1.path].utf8.count + n[keyPath: $1.path].utf8.count }
        case .setChannels(let o, let n): return 64 + (o + n).reduce(0) { $0 + $1.utf8.count + 4 }
        case .replaceWorkspace(let o, let n):
            return 64 + (o.maps + n.maps).reduce(0) { $0 + MapCodec.encodedSize(of: $1) }
        case .setConflicts(let o, let n):
            return 64 + (o + n).reduce(0) { $0 + 64 + [$1.base, $1.ours, $1.theirs].reduce(0) { $0 + ($1?.utf8.count ?? 0) } }
        }
    }
}

extension Workspace {
    public mutating func apply(_ change: Change) throws(OperationError) {
        func fail(_ m: String) -> OperationError { OperationError(message: m) }
        switch change {
        case .map(let id, let op):
            guard let i = mapIndex(id) else { throw fail("no map \(id)") }
            if case .linkPersona(let p, _, _) = op, personaIndex(p) == nil { throw fail("no persona \(p)") }
            try maps[i].apply(op)
        case .insertMap(let m, let index):
            guard index >= 0, index <= maps.count, mapIndex(m.id) == nil else { throw fail("cannot insert map \(m.id)") }
            for p in m.personas where personaIndex(p) == nil { throw fail("no persona \(p)") }
            if let problem = m.problem { throw fail(problem) }
            maps.insert(m, at: index)
        case .removeMap(let m, let index):
            guard index >= 0, index < maps.count, maps[index] == m else { throw fail("map \(m.id) is not at \(index)") }
            guard maps.count > 1 else { throw fail("a workspace keeps at least one map") }
            maps.remove(at: index)
        case .moveMap(let id, let from, let to):
            guard maps.move(from: from, to: to, where: { $0.id == id }) else { throw fail("cannot move map \(id)") }
        case .insertPersona(let p, let index):
            guard index >= 0, index <= personas.count, personaIndex(p.id) == nil, !p.id.raw.isEmpty else {
                throw fail("cannot insert persona \(p.id)")
            }
            personas.insert(p, at: index)
        case .removePersona(let p, let index):
            guard index >= 0, index < personas.count, personas[index] == p else {
                throw fail("persona \(p.id) is not at \(index)")
            }
            guard !maps.contains(where: { $0.personas.contains(p.id) }) else { throw fail("persona \(p.id) is still on a map") }
            personas.remove(at: index)
        case .setPersona(let old, let new):
            guard old.id == new.id, let i = personaIndex(old.id), personas[i] == old else {
                throw fail("persona \(old.id) differs from the history")
            }
            personas[i] = new
        case .movePersona(let id, let from, let to):
            guard personas.move(from: from, to: to, where: { $0.id == id }) else { throw fail("cannot move persona \(id)") }
        case .setChannels(let old, let new):
            guard channels == old else { throw fail("the channel palette differs from the history") }
            channels = new
        case .setConflicts(let old, let new):
            guard conflicts == old else { throw fail("the conflicts differ from the history") }
            conflicts = new
        case .replaceWorkspace(let old, let new):
            guard self == old else { throw fail("the workspace differs from the history") }
            guard !new.maps.isEmpty, new.maps.allSatisfy({ $0.problem == nil }) else {
                throw fail("the merged workspace is not whole")
            }
            self = new
        }
    }
}
