/// One user action as one undo step: a label for the status line and the operations in order.
public struct Transaction: Equatable, Sendable {
    /// The label in English, as older history files hold it.
    public var label: String
    /// The label as a phrase and its arguments, shown in the interface language.
    public var words: Words?
    public var operations: [Change]

    public init(_ label: String, _ operations: [Change]) {
        self.label = label
        self.operations = operations
    }

    public init(_ phrase: Phrase, _ arguments: [Words.Argument], _ operations: [Change]) {
        let words = Words(phrase, arguments: arguments)
        self.init(words.text(.en), operations)
        self.words = words
    }

    /// What the step did, in the interface language.
    public func label(_ t: Language) -> String { words?.text(t) ?? label }

    public var inverse: Transaction {
        var t = Transaction(label, operations.reversed().map(\.inverse))
        t.words = words
        return t
    }

    var cost: Int { 32 + label.utf8.count + operations.reduce(0) { $0 + $1.cost } }
}

/// Undo and redo stacks, bounded in steps and in bytes; the oldest steps go first.
public struct History: Equatable, Sendable {
    /// The documented bounds: 1,000 steps or about 4 MiB of edits, whichever comes first.
    public static let defaultMaxSteps = 1000
    public static let defaultMaxBytes = 4 << 20

    public private(set) var undoStack: [Transaction] = []
    public private(set) var redoStack: [Transaction] = []
    public var maxSteps: Int
    public var maxBytes: Int
    public private(set) var bytes = 0

    public init(maxSteps: Int = History.defaultMaxSteps, maxBytes: Int = History.defaultMaxBytes) {
        self.maxSteps = maxSteps
        self.maxBytes = maxBytes
    }

    public init(undo: [Transaction], redo: [Transaction], maxSteps: Int = defaultMaxSteps, maxBytes: Int = defaultMaxBytes) {
        self.init(maxSteps: maxSteps, maxBytes: maxBytes)
        undoStack = undo
        redoStack = redo
        bytes = (undo + redo).reduce(0) { $0 + $1.cost }
        trim()
    }

    public var canUndo: Bool { !undoStack.isEmpty }
    public var canRedo: Bool { !redoStack.isEmpty }

    /// Records a step just done; it clears what could be redone.
    mutating func record(_ t: Transaction) {
        bytes -= redoStack.reduce(0) { $0 + $1.cost }
        redoStack.removeAll()
        undoStack.append(t)
        bytes += t.cost
        trim()
    }

    mutating func popUndo() -> Transaction? { undoStack.popLast() }
    mutating func pushRedo(_ t: Transaction) { redoStack.append(t) }
    mutating func popRedo() -> Transaction? { redoStack.popLast() }
    mutating func pushUndo(_ t: Transaction) { undoStack.append(t) }

    /// Checks that every step fits `workspace`: undoes them all and redoes them all on a copy.
    /// A history that fails here (damaged, or for another document) is never applied half-way.
    public func check(against workspace: Workspace) throws(OperationError) {
        // Each stack from the top down: undo steps inverted, redo steps as they are.
        for (name, steps) in [("undo", undoStack.reversed().map(\.inverse)), ("redo", redoStack.reversed())] {
            var ws = workspace
            for (n, t) in steps.enumerated() {
                for op in t.operations {
                    do { try ws.apply(op) } catch {
                        throw OperationError(message: "\(name) step \(n + 1) (\(t.label)): \(error.message)")
                    }
                }
            }
        }
    }

    private mutating func trim() {
        var drop = 0
        while undoStack.count - drop + redoStack.count > maxSteps || (bytes > maxBytes && drop < undoStack.count) {
            if drop >= undoStack.count { break }
            bytes -= undoStack[drop].cost
            drop += 1
        }
        if drop > 0 { undoStack.removeFirst(drop) }
    }
}

/// A workspace with its history: everything a user does goes through `perform`, `undo` and `redo`.
public struct EditSession: Sendable {
    public private(set) var workspace: Workspace
    public private(set) var history: History
    /// Goes up with every change, so callers can tell cheaply that something changed.
    public private(set) var revision = 0

    public init(workspace: Workspace, history: History = History()) {
        self.workspace = workspace
        self.history = history
    }

    /// Applies a transaction as one step. If any operation does not fit, nothing changes.
    public mutating func perform(_ t: Transaction) throws(OperationError) {
        guard !t.operations.isEmpty else { return }
        try apply(t)
        history.record(t)
        revision += 1
    }

    /// Undoes the last step and returns its label, or nil when there is nothing to undo.
    @discardableResult
    public mutating func undo() throws(OperationError) -> Transaction? {
        guard let t = history.popUndo() else { return nil }
        do {
            try apply(t.inverse)
        } catch {
            history.pushUndo(t)
            throw error
        }
        history.pushRedo(t)
        revision += 1
        return t
    }

    @discardableResult
    public mutating func redo() throws(OperationError) -> Transaction? {
        guard let t = history.popRedo() else { return nil }
        do {
            try apply(t)
        } catch {
            history.pushRedo(t)
            throw error
        }
        history.pushUndo(t)
        revision += 1
        return t
    }

    private mutating func apply(_ t: Transaction) throws(OperationError) {
        var copy = workspace
        for op in t.operations { try copy.apply(op) }
        workspace = copy
    }
}
