// The interface's words, one table per language. A test fails when a phrase is
// missing from either table, or when the two disagree on their {n} placeholders.

/// Every phrase the interface shows; `Language.t` words it.
public enum Phrase: String, CaseIterable, Sendable {
    case checkOnePersona
    case checkOnePersonaHint
    case checkNoGoal
    case checkNoGoalHint
    case checkNoPersona
    case checkNoPersonaHint
    case checkSegment
    case checkSegmentHint
    case checkNoTouchLane
    case checkNoTouchLaneHint
    case checkNoChannels
    case checkNoChannelsHint
    case checkUnscoredFor
    case checkUnscoredForHint
    case checkUnscored
    case checkUnscoredHint
    case checkEmptyStage
    case checkEmptyStageHint
    case checkBarrier
    case checkBarrierHint
    case checkEmptyLane
    case checkEmptyLaneHint
    case emotionVeryNegative
    case emotionNegative
    case emotionNeutral
    case emotionPositive
    case emotionVeryPositive
    case newStage
    case newLane
    case newMap
    case fieldName
    case fieldSegment
    case fieldSociodemographic
    case fieldGeographic
    case fieldBehavioural
    case fieldPsychographic
    case fieldBusiness
    case fieldGoals
    case fieldNeeds
    case fieldPains
    case fieldQuote
    case fieldNotes
    case kindThoughts
    case kindActions
    case kindTouchpoints
    case kindBarriers
    case kindOpportunities
    case kindMetrics
    case kindNotes
    case contentText
    case contentList
    case contentChannels
    case contentMetrics
    case numberNone
    case numberComma
    case numberDigitsAfter
    case numberTooLarge
    case exportTitle
    case untitledMap
    case labelSegment
    case labelPersonas
    case labelGoal
    case labelEmotion
    case mapCurve
    case scaleNote
    case madeWith
    case svgTitle
    case importPadded
    case importPlace
    case importWrote
    case tabName
    case moreAbove
    case moreBelow
    case noLanes
    case tooSmall
    case tooSmallSize
    case tooSmallQuit
    case stateSaved
    case stateUnsaved
    case stateFailed
    case stateReadOnly
    case untitledShort
    case barSegment
    case barPersonas
    case barGoal
    case mapTabsHint
    case promptStageName
    case promptLaneTitle
    case promptMapTitle
    case promptGoal
    case promptSegment
    case promptNewStage
    case promptNewLane
    case promptNewMap
    case promptCopyTitle
    case promptNewPersona
    case promptNewMetric
    case promptMetric
    case promptNewItem
    case promptItem
    case promptNewChannel
    case promptRenameChannel
    case modeEdit
    case modeHelp
    case modeText
    case modeMaps
    case modePersonas
    case modeItems
    case modeInsights
    case modeExport
    case modeScoring
    case modeChannels
    case modeMap
    case typeToFilter
    case filterLabel
    case posStage
    case posLaneTitles
    case posLane
    case posStageNames
    case posScoring
    case layoutNote
    case helpSpan
    case helpTitle
    case emptyText
    case viewLines
    case untitled
    case mapsRowSegment
    case mapsRowNoPersona
    case mapsTitle
    case personasTitle
    case noPersonas
    case personaTitle
    case onMaps
    case personasListTitle
    case notInPalette
    case paletteEmpty
    case noChannelHolds
    case channelsAt
    case channelsFilter
    case curveGreat
    case curveAwful
    case weakest
    case noScoresYet
    case drops
    case noDrops
    case barriersTitle
    case noBarriers
    case noOpportunityYet
    case funnel
    case noMetrics
    case insightsTitle
    case couldNot
    case mapSwitched
    case nothingExported
    case editCancelled
    case noStagesToScore
    case scoringRun
    case cellAlreadyEmpty
    case moveToCellToCopy
    case copiedCell
    case laneKindNow
    case moveToLaneForKind
    case laneContentNow
    case searchCleared
    case moveToTextCellToPaste
    case viewStage
    case viewLane
    case viewMap
    case viewMapText
    case nothingCopied
    case moveToCellToPaste
    case pastedInto
    case copySuffix
    case duplicatedStage
    case duplicatedLane
    case addedLane
    case alreadyInPalette
    case noPersonasOnMap
    case oneCurveOnly
    case scoringFor
    case moveToStageToScore
    case scoredEvery
    case scoringEnded
    case nothingToFind
    case notOnMap
    case searchHit
    case noStages
    case stageJump
    case unknownCommand
    case undone
    case redone
    case nothingToUndo
    case nothingToRedo
    case cannotUndo
    case cannotRedo
    case nothingDuplicated
    case nothingDeleted
    case lastMap
    case copiedItem
    case nothingCopiedItem
    case addedToPalette
    case ticked
    case unticked
    case removedFromPalette
    case at
    case yesNo
    case whichOne
    case verbDelete
    case verbDuplicate
    case askDeleteStage
    case askDeleteLane
    case askDeleteMap
    case askDeletePersona
    case metricNoValue
    case createdFile
    case savedFile
    case themeSet
    case cannotSaveQuit
    case rescued
    case readOnlyQuit
    case cannotSave
    case unknownFormat
    case exported
    case cannotExport
    case changedOnDisk
    case utf8Switched
    case checkReads
    case checkMapLine
    case checkNotCanonical
    case checkError
    case checkWarning
    case checkAtStage
    case checkAtLane
    case checkHint
    case checkClean
    case checkTotals
    case fileNoSuchFile
    case cliNoTemplate
    case cliNeverOverwrites
    case cliCreated
    case cliWrote
    case cliCannotWriteStdout
    case cliChangedWhileOpening
    case cliCannotWrite
    case cliForceReplaces
    case cliNotUTF8
    case cliNeedsTerminal
    case cliNoMap
    case stepEditTitle
    case stepEditGoal
    case stepEditSegment
    case stepEditCell
    case stepClearCell
    case stepRenameStage
    case stepRenameLane
    case stepScore
    case stepScoreFor
    case stepClearScore
    case stepClearScoreFor
    case stepLaneKind
    case stepLaneContent
    case stepDeleteStage
    case stepDeleteLane
    case stepAddStage
    case stepAddLane
    case stepMoveStage
    case stepMoveLane
    case stepLinkPersona
    case stepUnlinkPersona
    case stepAddMap
    case stepDuplicateMap
    case stepDuplicateStage
    case stepDuplicateLane
    case stepDeleteMap
    case stepMoveMap
    case stepAddPersona
    case stepEditPersonaField
    case stepDeletePersona
    case stepMovePersona
    case stepEditPalette
    case stepRenameChannel
    case stepAddChannel
    case configExpected
    case configNoValue
    case configLanguage
    case configMouse
    case configAutosave
    case configUnknown
    case configNotUTF8
    case terminalRefused
    case terminalNoTerm
    case terminalCannotStart
    case importEmpty
    case importNoStages
    case importTooWide
    case importStageName
    case importKindContent
    case importScore
    case themeExpected
    case themeUnknownRole
    case themeColourAfterOn
    case themeUnknownWord
    case themeNotFound
    case csvTextAfterQuote
    case csvQuoteInField
    case csvUnclosedQuote
    case csvPlace
    case verbatim
    case fileChangedOnDisk
    case fileNoFolder
    case fileCannotCreate
    case fileCreatedMeanwhile
    case fileLinkRefused
    case fileLinkToNothing
    case fileLinkOtherOwner
    case fileLinkThrough
    case fileCannotRead
    case fileNotRegular
    case fileTooLarge
    case fileCannotSave
    case fileSaveUnchanged
    case fileReplacesOnlyRegular
    case fileSavePartial
    case fileReadOnly
    case folderReadOnly
    case fileCreated
    case fileOtherOwner
    case fileOtherGroup
    case fileHardLinks
    case historyRecovered
    case historySetAside
    case historyNotUsed
    case historyOtherVersion
    case historyDoesNotFit
    case historyUnreadable
    case historyUnreadablePlain
    case historyNotAFile
    case formatEmpty
    case formatNotUTF8
    case formatSyntax
    case formatNewer
    case kindRegular
    case kindFolder
    case kindLink
    case kindFifo
    case kindCharacterDevice
    case kindBlockDevice
    case kindSocket
    case errnoAccess
    case errnoNotPermitted
    case errnoNoEntry
    case errnoNoSpace
    case errnoReadOnlyFS
    case errnoQuota
    case errnoIsFolder
    case errnoNotFolder
    case errnoIO
    case errnoLoop
    case errnoBusy
    case placeMap
    case placeTitle
    case placeGoal
    case placeSegment
    case placePersona
    case placePersonaField
    case placeStage
    case placeStageName
    case placeScore
    case placeScoreFor
    case placeLane
    case placeLaneTitle
    case placeLaneKind
    case placeLaneContent
    case placeChannel
    case placeCurve
    case sideOurs
    case sideTheirs
    case sideBase
    case conflictDeleted
    case conflictEmpty
    case diffMoved
    case diffNoScore
    case diffNone
    case diffTotal
    case mergeClean
    case mergeConflicts
    case mergeConflictLine
    case checkConflict
    case checkConflictHint
    case gitSetupDone
    case gitSetupAlready
    case gitSetupNotRepo
    case gitSetupFailed
    case stepResolveConflict
    case sideEdited
    case channelsWord
    case sideKept
    case noConflicts
    case conflictsLeft
    case conflictsAllDecided
    case conflictTitle
    case conflictEditHint
    case modeConflict
    case barConflicts
    case stepMergedFromDisk
    case mergedFromDisk
    case mergedFromDiskConflicts
    case cliNoLane
    case importMermaid
    case pdfNeedsChromium
    case pdfFailed
    case gitSetupBadPattern
    case gitMarkersHint
    case diffConflictNew
    case diffConflictDecided
}

extension Phrase {
    static let english: [Phrase: String] = [
        .checkOnePersona: "every map is drawn for the persona «{1}»: one portrait for all segments hides their barriers",
        .checkOnePersonaHint: "make a persona per segment (P, o) and link each map to its own (P, l)",
        .checkNoGoal: "the map has no goal",
        .checkNoGoalHint: "say why the map is made, first (T): the method starts there",
        .checkNoPersona: "the map has no persona: whose journey is it?",
        .checkNoPersonaHint: "create the segment's persona (P, o) and link it (l)",
        .checkSegment: "«{1}» belongs to the segment «{2}», but the map follows «{3}»",
        .checkSegmentHint: "link the persona of the map's own segment, or correct one of the segments",
        .checkNoTouchLane: "the map has no touchpoints lane: the channels the customer meets are left out",
        .checkNoTouchLaneHint: "add a lane (A) named Touchpoints and tick each stage's channels (Enter)",
        .checkNoChannels: "no touchpoint or channel at this stage",
        .checkNoChannelsHint: "list every channel the customer meets here: leaving channels out is one of the method's mistakes",
        .checkUnscoredFor: "no emotion score for «{1}»",
        .checkUnscoredForHint:
            "score it from what customers said (1–5 with {1}'s curve active, p switches): ignoring their ratings is a mistake",
        .checkUnscored: "no emotion score",
        .checkUnscoredHint: "score how the customer feels here (1–5)",
        .checkEmptyStage: "the stage is empty",
        .checkEmptyStageHint: "fill it in, or delete it (d)",
        .checkBarrier: "a barrier with no opportunity at the same stage",
        .checkBarrierHint: "propose how to remove it in the opportunities lane",
        .checkEmptyLane: "the lane is empty",
        .checkEmptyLaneHint: "fill it in, or delete it (d on its title)",
        .emotionVeryNegative: "very negative",
        .emotionNegative: "negative",
        .emotionNeutral: "neutral",
        .emotionPositive: "positive",
        .emotionVeryPositive: "very positive",
        .newStage: "Stage {1}",
        .newLane: "Lane {1}",
        .newMap: "Map {1}",
        .fieldName: "Name",
        .fieldSegment: "Segment",
        .fieldSociodemographic: "Socio-demographic",
        .fieldGeographic: "Geographic",
        .fieldBehavioural: "Behavioural",
        .fieldPsychographic: "Psychographic",
        .fieldBusiness: "Business (B2B)",
        .fieldGoals: "Goals",
        .fieldNeeds: "Needs",
        .fieldPains: "Pains",
        .fieldQuote: "Quote",
        .fieldNotes: "Notes",
        .kindThoughts: "thoughts",
        .kindActions: "actions",
        .kindTouchpoints: "touchpoints",
        .kindBarriers: "barriers",
        .kindOpportunities: "opportunities",
        .kindMetrics: "metrics",
        .kindNotes: "notes",
        .contentText: "text",
        .contentList: "list",
        .contentChannels: "channels",
        .contentMetrics: "metrics",
        .numberNone: "no number in it",
        .numberComma: "«{1}» could be a thousands group or a decimal comma: write {2} or {3}",
        .numberDigitsAfter: "more digits follow the number («{1}»): which one is the value?",
        .numberTooLarge: "«{1}» is too large to write out",
        .exportTitle: "Customer journey maps",
        .untitledMap: "Untitled map",
        .labelSegment: "Segment",
        .labelPersonas: "Personas",
        .labelGoal: "Goal",
        .labelEmotion: "Emotion",
        .mapCurve: "map",
        .scaleNote: "Emotions from −2 (very negative) to +2 (very positive); · is not scored.",
        .madeWith: "Made with cjm.",
        .svgTitle: "{1}: emotions by stage",
        .importPadded: "{1} padded with empty cells",
        .importPlace: "row {1}, column {2}: ",
        .importWrote: "wrote {1}: {2}, {3}, {4} (read {5} as {6}-separated)",
        .tabName: "tab",
        .moreAbove: "↑ more",
        .moreBelow: " ↓ more",
        .noLanes: " no lanes yet: {1} adds one",
        .tooSmall: "Terminal too small",
        .tooSmallSize: "{1}×{2}, need {3}×{4}",
        .tooSmallQuit: "{1} quits",
        .stateSaved: "saved",
        .stateUnsaved: "unsaved",
        .stateFailed: "SAVE FAILED: {1}",
        .stateReadOnly: "READ-ONLY: {1}",
        .untitledShort: "(untitled map)",
        .barSegment: " · segment: {1}",
        .barPersonas: " · personas: {1}",
        .barGoal: " — goal: {1}",
        .mapTabsHint: " {1} {2} switch · {3} maps ",
        .promptStageName: "Stage name: ",
        .promptLaneTitle: "Lane title: ",
        .promptMapTitle: "Map title: ",
        .promptGoal: "Map goal: ",
        .promptSegment: "Map's segment: ",
        .promptNewStage: "New stage's name: ",
        .promptNewLane: "New lane's title: ",
        .promptNewMap: "New map's title: ",
        .promptCopyTitle: "Title of the copy: ",
        .promptNewPersona: "New persona's name: ",
        .promptNewMetric: "New metric (name = value unit): ",
        .promptMetric: "Metric (name = value unit): ",
        .promptNewItem: "New item: ",
        .promptItem: "Item: ",
        .promptNewChannel: "New channel: ",
        .promptRenameChannel: "Channel's new name: ",
        .modeEdit: "EDIT",
        .modeHelp: "HELP",
        .modeText: "TEXT",
        .modeMaps: "MAPS",
        .modePersonas: "PERSONAS",
        .modeItems: "ITEMS",
        .modeInsights: "INSIGHTS",
        .modeExport: "EXPORT",
        .modeScoring: "SCORING {1}",
        .modeChannels: "CHANNELS",
        .modeMap: "MAP",
        .typeToFilter: " type to filter ·",
        .filterLabel: " filter: ",
        .posStage: "stage {1}/{2}",
        .posLaneTitles: "lane titles",
        .posLane: "lane {1}/{2} {3}",
        .posStageNames: "stage names",
        .posScoring: " · scoring: {1}",
        .layoutNote:
            "Commands work in the Russian layout too: a Cyrillic letter does the command of the Latin key it sits on (о = j, г = u, Ж = :). Text you type is never changed.",
        .helpSpan: "({1}–{2} of {3}, j/k scroll)",
        .helpTitle: " cjm keys ",
        .emptyText: "(empty)",
        .viewLines: " ({1}–{2} of {3} lines)",
        .untitled: "(untitled)",
        .mapsRowSegment: " — segment: {1}",
        .mapsRowNoPersona: " — no persona",
        .mapsTitle: "Maps: one per audience segment",
        .personasTitle: "Personas",
        .noPersonas: "No personas yet: {1} creates one.",
        .personaTitle: "Persona: {1}",
        .onMaps: " (on {1})",
        .personasListTitle: "Personas · [x] = on this map ({1} links / unlinks)",
        .notInPalette: "(not in the palette)",
        .paletteEmpty: "The palette is empty: type a name, {1} adds it.",
        .noChannelHolds: "No channel holds «{1}»: {2} adds it to the palette and ticks it.",
        .channelsAt: "Channels at {1}",
        .channelsFilter: " · filter «{1}»",
        .curveGreat: " great",
        .curveAwful: " awful",
        .weakest: "Weakest moments",
        .noScoresYet: "  no scores yet: {1} score a stage",
        .drops: "Largest drops",
        .noDrops: "  no drop between scored neighbours",
        .barriersTitle: "Barriers and their opportunities",
        .noBarriers: "  no barriers yet",
        .noOpportunityYet: "      → no opportunity at this stage yet",
        .funnel: "Metrics funnel",
        .noMetrics: "  no metrics: a metrics lane (C) with values such as «Conversion = 4 %»",
        .insightsTitle: "Insights: {1}",
        .couldNot: "could not {1}: {2}",
        .mapSwitched: "map {1}/{2}: {3}",
        .nothingExported: "nothing exported",
        .editCancelled: "edit cancelled",
        .noStagesToScore: "no stages to score: {1} adds one",
        .scoringRun: "scoring {1}: {2} score and move on, {3} clears, {4} ends",
        .cellAlreadyEmpty: "the cell is already empty",
        .moveToCellToCopy: "move to a cell to copy it",
        .copiedCell: "copied the cell {1} × {2}",
        .laneKindNow: "lane «{1}» is now {2}: check and the insights count it so",
        .moveToLaneForKind: "move to a lane to change its kind",
        .laneContentNow: "lane «{1}» now holds {2} (the text is kept)",
        .searchCleared: "search cleared",
        .moveToTextCellToPaste: "move to a text cell to paste",
        .viewStage: "Stage {1}",
        .viewLane: "Lane ({1}, {2})",
        .viewMap: "The map",
        .viewMapText: "Title: {1}\nGoal: {2}\nSegment: {3}",
        .nothingCopied: "nothing copied yet: {1} copies a cell",
        .moveToCellToPaste: "move to a cell to paste",
        .pastedInto: "pasted into {1} × {2}",
        .copySuffix: " (copy)",
        .duplicatedStage: "duplicated stage «{1}» with {2}",
        .duplicatedLane: "duplicated lane «{1}» with {2}",
        .addedLane: "added lane «{1}»: {2}, holding {3}",
        .alreadyInPalette: "«{1}» is already in the palette",
        .noPersonasOnMap: "no personas on this map: {1} opens the personas, {2} links one",
        .oneCurveOnly: "one curve only: {1}",
        .scoringFor: "scoring for {1}",
        .moveToStageToScore: "move to a stage to score it",
        .scoredEvery: "scored every stage of {1}",
        .scoringEnded: "scoring run ended",
        .nothingToFind: "nothing to find yet: {1} searches",
        .notOnMap: "«{1}» is not on this map",
        .searchHit: "«{1}»: {2} of {3} · {4} next · {5} previous",
        .noStages: "the map has no stages",
        .stageJump: "stage {1}: {2}",
        .unknownCommand: "unknown command :{1} ({2})",
        .undone: "undone: {1}",
        .redone: "redone: {1}",
        .nothingToUndo: "nothing to undo",
        .nothingToRedo: "nothing to redo",
        .cannotUndo: "cannot undo: {1}",
        .cannotRedo: "cannot redo: {1}",
        .nothingDuplicated: "nothing duplicated",
        .nothingDeleted: "nothing deleted",
        .lastMap: "the last map cannot be deleted",
        .copiedItem: "copied «{1}»",
        .nothingCopiedItem: "nothing copied yet: {1} copies an item",
        .addedToPalette: "added «{1}» to the palette and ticked it",
        .ticked: "ticked {1}",
        .unticked: "unticked {1}",
        .removedFromPalette: "{1} removed from the palette",
        .at: "at {1}",
        .yesNo: "{1} = yes, any other key = no",
        .whichOne: "{1}: {2} = stage «{3}», {4} = lane «{5}», any other key = nothing",
        .verbDelete: "Delete",
        .verbDuplicate: "Duplicate",
        .askDeleteStage: "Delete stage «{1}» with its {2} and its scores? {3}",
        .askDeleteLane: "Delete lane «{1}» with its {2}? {3}",
        .askDeleteMap: "Delete map «{1}» with all its stages and lanes? {2}",
        .askDeletePersona: "Delete persona «{1}» (on {2}, with its scores)? {3}",
        .metricNoValue: "«{1}» kept without a value: {2}",
        .createdFile: "created {1} · press {2} for the keys",
        .savedFile: "saved {1}",
        .themeSet: "theme {1}",
        .cannotSaveQuit: "{1} · {2} quits anyway and loses the changes",
        .rescued: "{1}; the map as you left it is saved in {2}",
        .readOnlyQuit: "{1}: changes cannot be saved · {2} quits and loses them",
        .cannotSave: "cannot save: {1}",
        .unknownFormat: "unknown format {1}",
        .exported: "exported {1}",
        .cannotExport: "cannot export: {1}",
        .changedOnDisk: "the file was changed by another program since cjm read it; {1} overwrites it, {2} quits without saving",
        .utf8Switched: "the locale {1} is not UTF-8: cjm reads and writes UTF-8 (C.UTF-8) on its own",
        .checkReads: "{1}: reads cleanly — {2}, {3}",
        .checkMapLine: "  {1}: {2}, {3}, {4}, {5}",
        .checkNotCanonical: "note: the file is not in cjm's canonical layout; the next save will rewrite its formatting",
        .checkError: "error",
        .checkWarning: "warning",
        .checkAtStage: ", stage «{1}»",
        .checkAtLane: ", lane «{1}»",
        .checkHint: "hint: {1}",
        .checkClean: "no mistakes found",
        .checkTotals: "{1}, {2}",
        .fileNoSuchFile: "no such file",
        .cliNoTemplate: "no template named '{1}' (see `cjm templates`)",
        .cliNeverOverwrites: "{1}: already exists; cjm new never overwrites a file",
        .cliCreated: "created {1} from the template '{2}'",
        .cliWrote: "wrote {1}",
        .cliCannotWriteStdout: "cannot write to standard output: {1}",
        .cliChangedWhileOpening: "{1}: changed while cjm opened it; nothing written",
        .cliCannotWrite: "{1}: cannot write: {2}",
        .cliForceReplaces: "{1}: already exists; --force replaces it",
        .cliNotUTF8: "{1}: not UTF-8 text (save the sheet as CSV UTF-8)",
        .cliNeedsTerminal:
            "the editor needs a terminal on standard input and output; for scripts use `cjm show`, `cjm export` or `cjm check`",
        .cliNoMap: "{1}: no map '{2}' (maps: {3})",
        .stepEditTitle: "edit title",
        .stepEditGoal: "edit goal",
        .stepEditSegment: "edit segment",
        .stepEditCell: "edit cell {1} × {2}",
        .stepClearCell: "clear cell {1} × {2}",
        .stepRenameStage: "rename stage {1} → {2}",
        .stepRenameLane: "rename lane {1} → {2}",
        .stepScore: "score {1} {2}",
        .stepScoreFor: "score {1} {2} for {3}",
        .stepClearScore: "clear score of {1}",
        .stepClearScoreFor: "clear score of {1} for {2}",
        .stepLaneKind: "lane {1} is {2}",
        .stepLaneContent: "lane {1} holds {2}",
        .stepDeleteStage: "delete stage {1}",
        .stepDeleteLane: "delete lane {1}",
        .stepAddStage: "add stage {1}",
        .stepAddLane: "add lane {1}",
        .stepMoveStage: "move stage {1}",
        .stepMoveLane: "move lane {1}",
        .stepLinkPersona: "link {1} to {2}",
        .stepUnlinkPersona: "unlink {1} from {2}",
        .stepAddMap: "add map {1}",
        .stepDuplicateMap: "duplicate map {1}",
        .stepDuplicateStage: "duplicate stage {1}",
        .stepDuplicateLane: "duplicate lane {1}",
        .stepDeleteMap: "delete map {1}",
        .stepMoveMap: "move map {1}",
        .stepAddPersona: "add persona {1}",
        .stepEditPersonaField: "edit the {1} field of {2}",
        .stepDeletePersona: "delete persona {1}",
        .stepMovePersona: "move persona {1}",
        .stepEditPalette: "edit the channel palette",
        .stepRenameChannel: "rename channel {1} → {2}",
        .stepAddChannel: "add channel {1}",
        .configExpected: "expected key = value, found «{1}»",
        .configNoValue: "{1} has no value",
        .configLanguage: "language is en or ru, not «{1}»",
        .configMouse: "mouse is on or off, not «{1}»",
        .configAutosave: "autosave is seconds from 0.05 to 3600, not «{1}»",
        .configUnknown: "unknown setting «{1}» (settings: {2})",
        .configNotUTF8: "not UTF-8 text",
        .terminalRefused:
            "{1}: this terminal cannot move the cursor, which the editor needs; read the map with `cjm show FILE`, check it with `cjm check FILE`, or `cjm export` it",
        .terminalNoTerm: "TERM is not set",
        .terminalCannotStart: "cannot start the terminal (is TERM set to a known terminal?)",
        .importEmpty: "the file is empty: the first row must name the stages",
        .importNoStages: "row 1 has no stages: put the stage names from column 2 on",
        .importTooWide: "row {1}, column {2}: the row has {3} fields, but row 1 names {4} stages",
        .importStageName: "row 1, column {1}: a stage needs a name",
        .importKindContent: "row {1}, column 2: \"{2}\" is not kind/content (lane {3})",
        .importScore: "row {1}, column {2}: \"{3}\" is not a score from -2 to 2",
        .themeExpected: "{1}:{2}: expected 'role = style'",
        .themeUnknownRole: "{1}:{2}: unknown role '{3}' (known: {4})",
        .themeColourAfterOn: "{1}:{2}: expected a colour after 'on'",
        .themeUnknownWord: "{1}:{2}: unknown colour or attribute '{3}'",
        .themeNotFound: "no theme named '{1}' (built-in: {2}; looked in {3})",
        .csvTextAfterQuote: "text after a closing quote",
        .csvQuoteInField: "a quote inside an unquoted field",
        .csvUnclosedQuote: "a quoted field opened on line {1} is never closed",
        .csvPlace: "row {1}, column {2}: {3}",
        .verbatim: "{1}",
        .fileChangedOnDisk: "the file was changed by another program since cjm read it",
        .fileNoFolder: "the folder {1} does not exist",
        .fileCannotCreate: "cannot create the map: {1}",
        .fileCreatedMeanwhile: "cannot create the map: another program has just created it",
        .fileLinkRefused: "is a symbolic link; cjm writes no file through a link it did not make (remove the link)",
        .fileLinkToNothing: "is a symbolic link to nothing",
        .fileLinkOtherOwner: "is a symbolic link to {1}, which another user owns (uid {2}); cjm does not write through it",
        .fileLinkThrough: "is a symbolic link through {1}, owned by another user (uid {2}); cjm does not write through it",
        .fileCannotRead: "cannot read: {1}",
        .fileNotRegular: "is {1}, not a regular file",
        .fileTooLarge: "is larger than {1} MB, the most cjm reads; it is not a map cjm wrote",
        .fileCannotSave: "cannot save: {1}",
        .fileSaveUnchanged: "cannot save: {1}; the file on disk is unchanged",
        .fileReplacesOnlyRegular: "is {1}; cjm replaces only regular files, and writes through no link",
        .fileSavePartial: "cannot save: {1} ({2} itself was saved)",
        .fileReadOnly: "the file is read-only",
        .folderReadOnly: "the folder {1} is read-only",
        .fileCreated: "created {1}",
        .fileOtherOwner: "{1} belongs to user {2}; saving makes you its owner (cjm cannot keep another user's ownership)",
        .fileOtherGroup: "{1} has group {2}, which you are not in; saving gives it your group",
        .fileHardLinks: "{1} has {2} hard links; saving replaces this name only, and the other links keep the old text",
        .historyRecovered: "recovered the undo history of a save cjm did not finish",
        .historySetAside: "undo history set aside (it {1}); kept as {2}",
        .historyNotUsed: "undo history not used: {1} {2}",
        .historyOtherVersion: "belongs to another version of the map (it was changed outside cjm)",
        .historyDoesNotFit: "does not fit the map ({1})",
        .historyUnreadable: "could not be read ({1})",
        .historyUnreadablePlain: "could not be read",
        .historyNotAFile: "is {1}, not a history file",
        .formatEmpty: "the file is empty",
        .formatNotUTF8: "the file is not valid UTF-8 (bad byte at offset {1})",
        .formatSyntax: "{1}:{2}: not valid JSON: {3}",
        .formatNewer:
            "format version {1} is newer than this cjm understands (up to {2}); update cjm to edit it. The file is left as it is.",
        .kindRegular: "a regular file",
        .kindFolder: "a folder",
        .kindLink: "a symbolic link",
        .kindFifo: "a FIFO (named pipe)",
        .kindCharacterDevice: "a character device",
        .kindBlockDevice: "a block device",
        .kindSocket: "a socket",
        .errnoAccess: "Permission denied",
        .errnoNotPermitted: "Operation not permitted",
        .errnoNoEntry: "No such file or directory",
        .errnoNoSpace: "No space left on device",
        .errnoReadOnlyFS: "Read-only file system",
        .errnoQuota: "Disk quota exceeded",
        .errnoIsFolder: "Is a directory",
        .errnoNotFolder: "Not a directory",
        .errnoIO: "Input/output error",
        .errnoLoop: "Too many levels of symbolic links",
        .errnoBusy: "Device or resource busy",
        .placeMap: "map «{1}»",
        .placeTitle: "title",
        .placeGoal: "goal",
        .placeSegment: "segment",
        .placePersona: "persona «{1}»",
        .placePersonaField: "persona «{1}», {2}",
        .placeStage: "stage «{1}»",
        .placeStageName: "name of stage «{1}»",
        .placeScore: "score at «{1}»",
        .placeScoreFor: "score at «{1}» ({2})",
        .placeLane: "lane «{1}»",
        .placeLaneTitle: "title of lane «{1}»",
        .placeLaneKind: "kind of lane «{1}»",
        .placeLaneContent: "content of lane «{1}»",
        .placeChannel: "channel «{1}»",
        .placeCurve: "curve «{1}»",
        .sideOurs: "ours",
        .sideTheirs: "theirs",
        .sideBase: "base",
        .conflictDeleted: "deleted",
        .conflictEmpty: "(empty)",
        .diffMoved: "{1}: position {2} → {3}",
        .diffNoScore: "no score",
        .diffNone: "no changes",
        .diffTotal: "{1} → {2}: {3}",
        .mergeClean: "{1}: merged cleanly",
        .mergeConflicts: "{1}: merged, {2} left to decide: open it in cjm ({3} walks them) or run cjm check",
        .mergeConflictLine: "conflict at {1}: ours {2}, theirs {3}",
        .checkConflict: "a merge left a conflict at {1}: ours {2}, theirs {3}",
        .checkConflictHint: "open the map in cjm: {1} walks the conflicts, and on each {2} keeps ours, {3} takes theirs",
        .gitSetupDone: "git set up in {1}: {2} merge and diff through cjm (cjm must be on PATH for git to call it)",
        .gitSetupAlready: "git in {1} is already set up for {2}",
        .gitSetupNotRepo: "{1} is not inside a git repository: run cjm git-setup in one",
        .gitSetupFailed: "git config failed: {1}",
        .stepResolveConflict: "conflict at {1}: {2}",
        .sideEdited: "as it is now",
        .channelsWord: "channels",
        .sideKept: "kept",
        .noConflicts: "no merge conflicts to decide",
        .conflictsLeft: "{1} · {2} left",
        .conflictsAllDecided: "{1} · every conflict is decided",
        .conflictTitle: "conflict {1} of {2}: {3}",
        .conflictEditHint: "change it on the map: your next change there decides the conflict",
        .modeConflict: "CONFLICT",
        .barConflicts: " ‼ {1} ·",
        .stepMergedFromDisk: "merge {1} from disk",
        .mergedFromDisk: "merged {1} from disk",
        .mergedFromDiskConflicts: "merged {1} from disk · ‼ {2}: {3} walks them",
        .cliNoLane: "{1}: no lane «{2}» on «{3}»; its lanes: {4}",
        .importMermaid: "wrote {1}: {2}, {3} from the Mermaid journey {4}",
        .pdfNeedsChromium:
            "PDF is printed by a headless Chromium, and none is on PATH (chromium, chromium-browser, google-chrome): install one (Debian, Ubuntu: sudo apt install chromium), or print the HTML export from a browser",
        .pdfFailed: "{1} could not print the PDF: {2}",
        .gitSetupBadPattern:
            "«{1}» cannot be a pattern in .gitattributes: one word with no spaces, quotes, line breaks or controls, not starting with ! or #",
        .gitMarkersHint:
            "it holds git's conflict markers: the merge was done line by line. Run cjm git-setup, then git checkout -m {1} to merge it again by id",
        .diffConflictNew: "+ conflict at {1}",
        .diffConflictDecided: "− conflict at {1} (decided)",
    ]
    static let russian: [Phrase: String] = [
        .checkOnePersona: "персона «{1}» стоит на всех картах: один портрет на все сегменты скрывает их барьеры",
        .checkOnePersonaHint: "заведите персону на каждый сегмент (P, o) и свяжите каждую карту со своей (P, l)",
        .checkNoGoal: "у карты нет цели",
        .checkNoGoalHint: "сначала скажите, зачем нужна карта (T): метод начинается с этого",
        .checkNoPersona: "у карты нет персоны: чей это путь?",
        .checkNoPersonaHint: "создайте персону сегмента (P, o) и свяжите её с картой (l)",
        .checkSegment: "персона «{1}» из сегмента «{2}», а карта посвящена сегменту «{3}»",
        .checkSegmentHint: "свяжите с картой персону её сегмента или исправьте один из сегментов",
        .checkNoTouchLane: "на карте нет строки точек касания: каналы, которые встречает клиент, упущены",
        .checkNoTouchLaneHint: "добавьте строку (A) «Точки касания» и отметьте каналы каждого этапа (Enter)",
        .checkNoChannels: "на этом этапе нет ни одной точки касания",
        .checkNoChannelsHint:
            "перечислите все каналы, с которыми клиент сталкивается здесь: упустить каналы — одна из ошибок метода",
        .checkUnscoredFor: "нет оценки эмоций для «{1}»",
        .checkUnscoredForHint:
            "оцените по словам клиентов (1–5 на кривой «{1}», p переключает кривые): игнорировать их оценки — ошибка",
        .checkUnscored: "нет оценки эмоций",
        .checkUnscoredHint: "оцените, что клиент чувствует здесь (1–5)",
        .checkEmptyStage: "этап пуст",
        .checkEmptyStageHint: "заполните его или удалите (d)",
        .checkBarrier: "барьер без возможности на том же этапе",
        .checkBarrierHint: "предложите, как его устранить, в строке возможностей",
        .checkEmptyLane: "строка пуста",
        .checkEmptyLaneHint: "заполните её или удалите (d на заголовке)",
        .emotionVeryNegative: "очень плохо",
        .emotionNegative: "плохо",
        .emotionNeutral: "нейтрально",
        .emotionPositive: "хорошо",
        .emotionVeryPositive: "очень хорошо",
        .newStage: "Этап {1}",
        .newLane: "Строка {1}",
        .newMap: "Карта {1}",
        .fieldName: "Имя",
        .fieldSegment: "Сегмент",
        .fieldSociodemographic: "Социально-демографические",
        .fieldGeographic: "Географические",
        .fieldBehavioural: "Поведенческие",
        .fieldPsychographic: "Психографические",
        .fieldBusiness: "Бизнес (B2B)",
        .fieldGoals: "Цели",
        .fieldNeeds: "Потребности",
        .fieldPains: "Боли",
        .fieldQuote: "Цитата",
        .fieldNotes: "Заметки",
        .kindThoughts: "мысли",
        .kindActions: "действия",
        .kindTouchpoints: "точки касания",
        .kindBarriers: "барьеры",
        .kindOpportunities: "возможности",
        .kindMetrics: "метрики",
        .kindNotes: "заметки",
        .contentText: "текст",
        .contentList: "список",
        .contentChannels: "каналы",
        .contentMetrics: "метрики",
        .numberNone: "в ней нет числа",
        .numberComma: "«{1}» — это разряды или десятичная запятая? Напишите {2} или {3}",
        .numberDigitsAfter: "после числа идут ещё цифры («{1}»): какое из них значение?",
        .numberTooLarge: "число «{1}» слишком велико",
        .exportTitle: "Карты пути клиента",
        .untitledMap: "Карта без названия",
        .labelSegment: "Сегмент",
        .labelPersonas: "Персоны",
        .labelGoal: "Цель",
        .labelEmotion: "Эмоции",
        .mapCurve: "карта",
        .scaleNote: "Эмоции от −2 (очень плохо) до +2 (очень хорошо); · — нет оценки.",
        .madeWith: "Сделано в cjm.",
        .svgTitle: "{1}: эмоции по этапам",
        .importPadded: "дополнено пустыми ячейками: {1}",
        .importPlace: "строка {1}, столбец {2}: ",
        .importWrote: "записан {1}: {2}, {3}, {4} (файл {5} прочитан с разделителем «{6}»)",
        .tabName: "табуляция",
        .moreAbove: "↑ ещё",
        .moreBelow: " ↓ ещё",
        .noLanes: " строк пока нет: {1} добавляет",
        .tooSmall: "Терминал слишком мал",
        .tooSmallSize: "{1}×{2}, нужно {3}×{4}",
        .tooSmallQuit: "{1} — выход",
        .stateSaved: "сохранено",
        .stateUnsaved: "не сохранено",
        .stateFailed: "НЕ СОХРАНЕНО: {1}",
        .stateReadOnly: "ТОЛЬКО ЧТЕНИЕ: {1}",
        .untitledShort: "(карта без названия)",
        .barSegment: " · сегмент: {1}",
        .barPersonas: " · персоны: {1}",
        .barGoal: " — цель: {1}",
        .mapTabsHint: " {1} {2} переключают · {3} карты ",
        .promptStageName: "Название этапа: ",
        .promptLaneTitle: "Название строки: ",
        .promptMapTitle: "Название карты: ",
        .promptGoal: "Цель карты: ",
        .promptSegment: "Сегмент карты: ",
        .promptNewStage: "Название нового этапа: ",
        .promptNewLane: "Название новой строки: ",
        .promptNewMap: "Название новой карты: ",
        .promptCopyTitle: "Название копии: ",
        .promptNewPersona: "Имя новой персоны: ",
        .promptNewMetric: "Новая метрика (название = значение единица): ",
        .promptMetric: "Метрика (название = значение единица): ",
        .promptNewItem: "Новый пункт: ",
        .promptItem: "Пункт: ",
        .promptNewChannel: "Новый канал: ",
        .promptRenameChannel: "Новое название канала: ",
        .modeEdit: "ПРАВКА",
        .modeHelp: "СПРАВКА",
        .modeText: "ТЕКСТ",
        .modeMaps: "КАРТЫ",
        .modePersonas: "ПЕРСОНЫ",
        .modeItems: "ПУНКТЫ",
        .modeInsights: "ВЫВОДЫ",
        .modeExport: "ЭКСПОРТ",
        .modeScoring: "ОЦЕНКА {1}",
        .modeChannels: "КАНАЛЫ",
        .modeMap: "КАРТА",
        .typeToFilter: " печатайте для отбора ·",
        .filterLabel: " отбор: ",
        .posStage: "этап {1}/{2}",
        .posLaneTitles: "названия строк",
        .posLane: "строка {1}/{2} {3}",
        .posStageNames: "названия этапов",
        .posScoring: " · оценка: {1}",
        .layoutNote:
            "Команды работают и в русской раскладке: кириллическая буква выполняет команду латинской клавиши, на которой стоит (о = j, г = u, Ж = :). Набранный текст не меняется.",
        .helpSpan: "({1}–{2} из {3}, j/k прокрутка)",
        .helpTitle: " клавиши cjm ",
        .emptyText: "(пусто)",
        .viewLines: " (строки {1}–{2} из {3})",
        .untitled: "(без названия)",
        .mapsRowSegment: " — сегмент: {1}",
        .mapsRowNoPersona: " — нет персоны",
        .mapsTitle: "Карты: по одной на сегмент аудитории",
        .personasTitle: "Персоны",
        .noPersonas: "Персон пока нет: {1} создаёт персону.",
        .personaTitle: "Персона: {1}",
        .onMaps: " (на {1})",
        .personasListTitle: "Персоны · [x] = на этой карте ({1} связывает / отвязывает)",
        .notInPalette: "(нет в палитре)",
        .paletteEmpty: "Палитра пуста: напишите название, {1} добавляет его.",
        .noChannelHolds: "Нет канала с «{1}»: {2} добавляет его в палитру и отмечает.",
        .channelsAt: "Каналы на этапе «{1}»",
        .channelsFilter: " · отбор «{1}»",
        .curveGreat: " отлично",
        .curveAwful: " ужасно",
        .weakest: "Самые слабые места",
        .noScoresYet: "  оценок пока нет: {1} оценивают этап",
        .drops: "Самые большие спады",
        .noDrops: "  между оценёнными соседями спадов нет",
        .barriersTitle: "Барьеры и их возможности",
        .noBarriers: "  барьеров пока нет",
        .noOpportunityYet: "      → на этом этапе пока нет возможности",
        .funnel: "Воронка метрик",
        .noMetrics: "  метрик нет: строка метрик (C) со значениями вроде «Конверсия = 4 %»",
        .insightsTitle: "Выводы: {1}",
        .couldNot: "не удалось «{1}»: {2}",
        .mapSwitched: "карта {1}/{2}: {3}",
        .nothingExported: "ничего не экспортировано",
        .editCancelled: "правка отменена",
        .noStagesToScore: "нет этапов для оценки: {1} добавляет этап",
        .scoringRun: "оценка «{1}»: {2} — оценить и дальше, {3} — стереть, {4} — закончить",
        .cellAlreadyEmpty: "ячейка уже пуста",
        .moveToCellToCopy: "встаньте на ячейку, чтобы скопировать её",
        .copiedCell: "ячейка {1} × {2} скопирована",
        .laneKindNow: "строка «{1}» теперь — {2}: проверка и выводы учитывают это",
        .moveToLaneForKind: "встаньте на строку, чтобы сменить её вид",
        .laneContentNow: "строка «{1}» теперь содержит {2} (текст сохранён)",
        .searchCleared: "поиск сброшен",
        .moveToTextCellToPaste: "встаньте на текстовую ячейку, чтобы вставить",
        .viewStage: "Этап {1}",
        .viewLane: "Строка ({1}, {2})",
        .viewMap: "Карта",
        .viewMapText: "Название: {1}\nЦель: {2}\nСегмент: {3}",
        .nothingCopied: "ещё ничего не скопировано: {1} копирует ячейку",
        .moveToCellToPaste: "встаньте на ячейку, чтобы вставить",
        .pastedInto: "вставлено в {1} × {2}",
        .copySuffix: " (копия)",
        .duplicatedStage: "этап «{1}» продублирован: {2}",
        .duplicatedLane: "строка «{1}» продублирована: {2}",
        .addedLane: "добавлена строка «{1}»: {2}, содержит {3}",
        .alreadyInPalette: "«{1}» уже есть в палитре",
        .noPersonasOnMap: "на этой карте нет персон: {1} открывает персоны, {2} связывает",
        .oneCurveOnly: "кривая только одна: {1}",
        .scoringFor: "оценка для «{1}»",
        .moveToStageToScore: "встаньте на этап, чтобы оценить его",
        .scoredEvery: "все этапы «{1}» оценены",
        .scoringEnded: "оценка закончена",
        .nothingToFind: "искать пока нечего: {1} — поиск",
        .notOnMap: "«{1}» на этой карте нет",
        .searchHit: "«{1}»: {2} из {3} · {4} дальше · {5} назад",
        .noStages: "на карте нет этапов",
        .stageJump: "этап {1}: {2}",
        .unknownCommand: "неизвестная команда :{1} ({2})",
        .undone: "отменено: {1}",
        .redone: "повторено: {1}",
        .nothingToUndo: "отменять нечего",
        .nothingToRedo: "повторять нечего",
        .cannotUndo: "отменить нельзя: {1}",
        .cannotRedo: "повторить нельзя: {1}",
        .nothingDuplicated: "ничего не продублировано",
        .nothingDeleted: "ничего не удалено",
        .lastMap: "последнюю карту удалить нельзя",
        .copiedItem: "скопировано «{1}»",
        .nothingCopiedItem: "ещё ничего не скопировано: {1} копирует пункт",
        .addedToPalette: "«{1}» добавлен в палитру и отмечен",
        .ticked: "отмечен {1}",
        .unticked: "снята отметка {1}",
        .removedFromPalette: "{1} удалён из палитры",
        .at: "к {1}",
        .yesNo: "{1} = да, любая другая клавиша = нет",
        .whichOne: "{1}: {2} = этап «{3}», {4} = строка «{5}», любая другая клавиша = ничего",
        .verbDelete: "Удалить",
        .verbDuplicate: "Дублировать",
        .askDeleteStage: "Удалить этап «{1}» ({2}) вместе с оценками? {3}",
        .askDeleteLane: "Удалить строку «{1}» ({2})? {3}",
        .askDeleteMap: "Удалить карту «{1}» со всеми этапами и строками? {2}",
        .askDeletePersona: "Удалить персону «{1}» (на {2}, вместе с оценками)? {3}",
        .metricNoValue: "«{1}» сохранена без значения: {2}",
        .createdFile: "создан {1} · {2} — список клавиш",
        .savedFile: "сохранено: {1}",
        .themeSet: "тема {1}",
        .cannotSaveQuit: "{1} · {2} — выйти, потеряв изменения",
        .rescued: "{1}; карта, какой вы её оставили, сохранена в {2}",
        .readOnlyQuit: "{1}: изменения не сохранить · {2} — выйти, потеряв их",
        .cannotSave: "не удалось сохранить: {1}",
        .unknownFormat: "неизвестный формат {1}",
        .exported: "экспортировано: {1}",
        .cannotExport: "не удалось экспортировать: {1}",
        .changedOnDisk: "файл изменён другой программой; {1} — перезаписать, {2} — выйти без сохранения",
        .utf8Switched: "локаль {1} не UTF-8: cjm сам работает в UTF-8 (C.UTF-8)",
        .checkReads: "{1}: читается без ошибок — {2}, {3}",
        .checkMapLine: "  {1}: {2}, {3}, {4}, {5}",
        .checkNotCanonical: "заметка: файл не в каноническом виде cjm; следующее сохранение перепишет его оформление",
        .checkError: "ошибка",
        .checkWarning: "предупреждение",
        .checkAtStage: ", этап «{1}»",
        .checkAtLane: ", строка «{1}»",
        .checkHint: "совет: {1}",
        .checkClean: "ошибок не найдено",
        .checkTotals: "{1}, {2}",
        .fileNoSuchFile: "нет такого файла",
        .cliNoTemplate: "нет шаблона «{1}» (см. `cjm templates`)",
        .cliNeverOverwrites: "{1}: уже существует; cjm new никогда не перезаписывает файл",
        .cliCreated: "создан {1} из шаблона «{2}»",
        .cliWrote: "записан {1}",
        .cliCannotWriteStdout: "не удалось записать в стандартный вывод: {1}",
        .cliChangedWhileOpening: "{1}: изменился, пока cjm его открывал; ничего не записано",
        .cliCannotWrite: "{1}: не удалось записать: {2}",
        .cliForceReplaces: "{1}: уже существует; --force заменит его",
        .cliNotUTF8: "{1}: текст не в UTF-8 (сохраните таблицу как CSV UTF-8)",
        .cliNeedsTerminal:
            "редактору нужен терминал на стандартном вводе и выводе; в скриптах используйте `cjm show`, `cjm export` или `cjm check`",
        .cliNoMap: "{1}: нет карты «{2}» (карты: {3})",
        .stepEditTitle: "правка заголовка",
        .stepEditGoal: "правка цели",
        .stepEditSegment: "правка сегмента",
        .stepEditCell: "правка ячейки {1} × {2}",
        .stepClearCell: "очистка ячейки {1} × {2}",
        .stepRenameStage: "переименование этапа «{1}» → «{2}»",
        .stepRenameLane: "переименование строки «{1}» → «{2}»",
        .stepScore: "оценка этапа «{1}»: {2}",
        .stepScoreFor: "оценка этапа «{1}»: {2} ({3})",
        .stepClearScore: "снята оценка этапа «{1}»",
        .stepClearScoreFor: "снята оценка этапа «{1}» ({2})",
        .stepLaneKind: "строка «{1}»: вид — {2}",
        .stepLaneContent: "строка «{1}»: содержимое — {2}",
        .stepDeleteStage: "удаление этапа «{1}»",
        .stepDeleteLane: "удаление строки «{1}»",
        .stepAddStage: "новый этап «{1}»",
        .stepAddLane: "новая строка «{1}»",
        .stepMoveStage: "перенос этапа «{1}»",
        .stepMoveLane: "перенос строки «{1}»",
        .stepLinkPersona: "персона «{1}» на карте «{2}»",
        .stepUnlinkPersona: "персона «{1}» убрана с карты «{2}»",
        .stepAddMap: "новая карта «{1}»",
        .stepDuplicateMap: "копия карты «{1}»",
        .stepDuplicateStage: "копия этапа «{1}»",
        .stepDuplicateLane: "копия строки «{1}»",
        .stepDeleteMap: "удаление карты «{1}»",
        .stepMoveMap: "перенос карты «{1}»",
        .stepAddPersona: "новая персона «{1}»",
        .stepEditPersonaField: "правка поля «{1}» персоны «{2}»",
        .stepDeletePersona: "удаление персоны «{1}»",
        .stepMovePersona: "перенос персоны «{1}»",
        .stepEditPalette: "правка палитры каналов",
        .stepRenameChannel: "переименование канала «{1}» → «{2}»",
        .stepAddChannel: "новый канал «{1}»",
        .configExpected: "ожидалось «ключ = значение», а не «{1}»",
        .configNoValue: "у {1} нет значения",
        .configLanguage: "language — en или ru, а не «{1}»",
        .configMouse: "mouse — on или off, а не «{1}»",
        .configAutosave: "autosave — секунды от 0,05 до 3600, а не «{1}»",
        .configUnknown: "неизвестная настройка «{1}» (настройки: {2})",
        .configNotUTF8: "текст не в UTF-8",
        .terminalRefused:
            "{1}: этот терминал не умеет перемещать курсор, а редактору это нужно; прочитайте карту командой `cjm show FILE`, проверьте её — `cjm check FILE` или выгрузите — `cjm export`",
        .terminalNoTerm: "TERM не задан",
        .terminalCannotStart: "не удалось запустить терминал (известен ли терминал из TERM?)",
        .importEmpty: "файл пуст: в первой строке должны быть названия этапов",
        .importNoStages: "в строке 1 нет этапов: названия этапов пишутся со второго столбца",
        .importTooWide: "строка {1}, столбец {2}: в строке полей — {3}, а этапов в строке 1 — {4}",
        .importStageName: "строка 1, столбец {1}: у этапа должно быть название",
        .importKindContent: "строка {1}, столбец 2: «{2}» — не «вид/содержимое» (строка карты {3})",
        .importScore: "строка {1}, столбец {2}: «{3}» — не оценка от -2 до 2",
        .themeExpected: "{1}:{2}: ожидалось «роль = стиль»",
        .themeUnknownRole: "{1}:{2}: неизвестная роль «{3}» (известные: {4})",
        .themeColourAfterOn: "{1}:{2}: после «on» нужен цвет",
        .themeUnknownWord: "{1}:{2}: неизвестный цвет или атрибут «{3}»",
        .themeNotFound: "нет темы «{1}» (встроенные: {2}; искали в {3})",
        .csvTextAfterQuote: "текст после закрывающей кавычки",
        .csvQuoteInField: "кавычка внутри поля без кавычек",
        .csvUnclosedQuote: "поле в кавычках, открытое в строке {1}, не закрыто",
        .csvPlace: "строка {1}, столбец {2}: {3}",
        .verbatim: "{1}",
        .fileChangedOnDisk: "файл изменён другой программой после того, как cjm его прочитал",
        .fileNoFolder: "папки {1} нет",
        .fileCannotCreate: "не удалось создать карту: {1}",
        .fileCreatedMeanwhile: "не удалось создать карту: её только что создала другая программа",
        .fileLinkRefused: "это символическая ссылка; cjm не пишет через ссылку, которую не создавал (удалите её)",
        .fileLinkToNothing: "это символическая ссылка в никуда",
        .fileLinkOtherOwner:
            "это символическая ссылка на {1}, чей владелец — другой пользователь (uid {2}); cjm не пишет через неё",
        .fileLinkThrough:
            "это символическая ссылка через {1}, чей владелец — другой пользователь (uid {2}); cjm не пишет через неё",
        .fileCannotRead: "не читается: {1}",
        .fileNotRegular: "это {1}, а не обычный файл",
        .fileTooLarge: "больше {1} МБ — столько cjm не читает; это не карта, записанная cjm",
        .fileCannotSave: "не удалось сохранить: {1}",
        .fileSaveUnchanged: "не удалось сохранить: {1}; файл на диске не изменён",
        .fileReplacesOnlyRegular: "это {1}; cjm заменяет только обычные файлы и не пишет через ссылки",
        .fileSavePartial: "не удалось сохранить: {1} (сам {2} сохранён)",
        .fileReadOnly: "файл только для чтения",
        .folderReadOnly: "папка {1} только для чтения",
        .fileCreated: "создан {1}",
        .fileOtherOwner:
            "{1} принадлежит пользователю {2}; после сохранения владельцем станете вы (cjm не может сохранить чужое владение)",
        .fileOtherGroup: "у {1} группа {2}, в которую вы не входите; после сохранения группа станет вашей",
        .fileHardLinks: "у {1} жёстких ссылок: {2}; сохранение заменит только это имя, другие ссылки сохранят старый текст",
        .historyRecovered: "восстановлена история отмены незавершённого сохранения",
        .historySetAside: "история отмены отложена ({1}); сохранена как {2}",
        .historyNotUsed: "история отмены не использована: {1} {2}",
        .historyOtherVersion: "относится к другой версии карты (её меняли вне cjm)",
        .historyDoesNotFit: "не подходит к карте ({1})",
        .historyUnreadable: "не читается ({1})",
        .historyUnreadablePlain: "не читается",
        .historyNotAFile: "это {1}, а не файл истории",
        .formatEmpty: "файл пуст",
        .formatNotUTF8: "файл не в кодировке UTF-8 (неверный байт на смещении {1})",
        .formatSyntax: "{1}:{2}: это не JSON: {3}",
        .formatNewer: "версия формата {1} новее, чем понимает этот cjm (до {2}); обновите cjm, чтобы править её. Файл не тронут.",
        .kindRegular: "обычный файл",
        .kindFolder: "папка",
        .kindLink: "символическая ссылка",
        .kindFifo: "FIFO (именованный канал)",
        .kindCharacterDevice: "символьное устройство",
        .kindBlockDevice: "блочное устройство",
        .kindSocket: "сокет",
        .errnoAccess: "нет прав доступа",
        .errnoNotPermitted: "операция не разрешена",
        .errnoNoEntry: "нет такого файла или папки",
        .errnoNoSpace: "на диске нет места",
        .errnoReadOnlyFS: "файловая система только для чтения",
        .errnoQuota: "превышена дисковая квота",
        .errnoIsFolder: "это папка",
        .errnoNotFolder: "не папка",
        .errnoIO: "ошибка ввода-вывода",
        .errnoLoop: "слишком много уровней символических ссылок",
        .errnoBusy: "файл занят",
        .placeMap: "карта «{1}»",
        .placeTitle: "название",
        .placeGoal: "цель",
        .placeSegment: "сегмент",
        .placePersona: "персона «{1}»",
        .placePersonaField: "персона «{1}», {2}",
        .placeStage: "этап «{1}»",
        .placeStageName: "название этапа «{1}»",
        .placeScore: "оценка на этапе «{1}»",
        .placeScoreFor: "оценка на этапе «{1}» ({2})",
        .placeLane: "строка «{1}»",
        .placeLaneTitle: "название строки «{1}»",
        .placeLaneKind: "вид строки «{1}»",
        .placeLaneContent: "содержимое строки «{1}»",
        .placeChannel: "канал «{1}»",
        .placeCurve: "кривая «{1}»",
        .sideOurs: "наше",
        .sideTheirs: "их",
        .sideBase: "было",
        .conflictDeleted: "удалено",
        .conflictEmpty: "(пусто)",
        .diffMoved: "{1}: место {2} → {3}",
        .diffNoScore: "нет оценки",
        .diffNone: "изменений нет",
        .diffTotal: "{1} → {2}: {3}",
        .mergeClean: "{1}: слито без конфликтов",
        .mergeConflicts: "{1}: слито, осталось решить: {2}; откройте файл в cjm ({3} — к следующему) или запустите cjm check",
        .mergeConflictLine: "конфликт: {1}: наше {2}, их {3}",
        .checkConflict: "после слияния остался конфликт: {1}: наше {2}, их {3}",
        .checkConflictHint: "откройте карту в cjm: {1} — к конфликту, на нём {2} оставляет наше, {3} берёт их",
        .gitSetupDone:
            "git настроен в {1}: {2} сливаются и сравниваются через cjm (cjm должен быть в PATH, чтобы git его вызвал)",
        .gitSetupAlready: "git в {1} уже настроен для {2}",
        .gitSetupNotRepo: "{1} не в репозитории git: запустите cjm git-setup внутри репозитория",
        .gitSetupFailed: "git config не удался: {1}",
        .stepResolveConflict: "конфликт: {1}: {2}",
        .sideEdited: "как есть сейчас",
        .channelsWord: "каналы",
        .sideKept: "оставлено",
        .noConflicts: "конфликтов слияния нет",
        .conflictsLeft: "{1} · осталось: {2}",
        .conflictsAllDecided: "{1} · все конфликты решены",
        .conflictTitle: "конфликт {1} из {2}: {3}",
        .conflictEditHint: "измените это на карте: следующее изменение здесь решит конфликт",
        .modeConflict: "КОНФЛИКТ",
        .barConflicts: " ‼ {1} ·",
        .stepMergedFromDisk: "слияние с диском: {1}",
        .mergedFromDisk: "слито с диска: {1}",
        .mergedFromDiskConflicts: "слито с диска: {1} · ‼ {2}: {3} — к следующему",
        .cliNoLane: "{1}: на карте «{3}» нет строки «{2}»; её строки: {4}",
        .importMermaid: "записан {1}: {2}, {3} из диаграммы Mermaid {4}",
        .pdfNeedsChromium:
            "PDF печатает Chromium без окна, а в PATH его нет (chromium, chromium-browser, google-chrome): установите его (Debian, Ubuntu: sudo apt install chromium) или напечатайте HTML-экспорт из браузера",
        .pdfFailed: "{1} не смог напечатать PDF: {2}",
        .gitSetupBadPattern:
            "«{1}» не может быть шаблоном в .gitattributes: одно слово без пробелов, кавычек, переводов строки и управляющих символов, не начинается с ! или #",
        .gitMarkersHint:
            "в нём маркеры конфликта git: слияние шло по строкам. Запустите cjm git-setup, затем git checkout -m {1}, чтобы слить его заново по id",
        .diffConflictNew: "+ конфликт: {1}",
        .diffConflictDecided: "− конфликт: {1} (решён)",
    ]
}
