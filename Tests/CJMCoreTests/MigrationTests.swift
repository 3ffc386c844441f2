import Foundation
import Testing

@testable import CJMCore
@testable import CJMStorage

/// Files written before workspaces (format 1: one map at the top level) open unchanged.
@Suite(.temporaryFolders) struct MigrationTests {
    static let version1 = """
        {
          "format": "cjm",
          "version": 1,
          "title": "Старая карта",
          "goal": "Проверить миграцию",
          "stages": [
            {
              "id": "need",
              "name": "Потребность",
              "emotion": -1
            },
            {
              "id": "buy",
              "name": "Покупка"
            }
          ],
          "lanes": [
            {
              "id": "thoughts",
              "title": "Мысли",
              "kind": "thoughts",
              "cells": {
                "need": "Чем заняться?",
                "buy": "Дорого 🎬"
              }
            }
          ]
        }

        """

    /// The history an older cjm wrote beside it: operations without a map.
    static func version1History(fingerprint: String) -> String {
        """
        {
          "format": "cjm-history",
          "version": 1,
          "document": "\(fingerprint)",
          "undo": [
            {
              "label": "edit cell Покупка × Мысли",
              "ops": [
                {
                  "op": "setCell",
                  "lane": "thoughts",
                  "stage": "buy",
                  "old": "Дорого",
                  "new": "Дорого 🎬"
                }
              ]
            },
            {
              "label": "score Потребность -1",
              "ops": [
                {
                  "op": "setEmotion",
                  "stage": "need",
                  "old": null,
                  "new": -1
                }
              ]
            }
          ],
          "redo": []
        }

        """
    }

    @Test func aVersion1MapOpensAsAWorkspaceOfOneMapWithItsHistory() throws {
        let dir = temporaryFolder()
        let path = dir + "/old.json"
        writeText(path, Self.version1)
        // Written by a cjm of that time, whose fingerprint was FNV-1a.
        let legacy = Fingerprint.legacy(Array(Self.version1.utf8))
        #expect(legacy.hasPrefix("fnv1a64:"))
        writeText(MapStore.historyPath(for: path), Self.version1History(fingerprint: legacy))
        let opened = try MapStore.open(path)
        #expect(opened.notices.isEmpty)
        #expect(readText(path) == Self.version1)  // opening changes nothing on disk
        let ws = opened.workspace
        #expect(ws.maps.count == 1)
        #expect(ws.personas.isEmpty)
        #expect(ws.channels == Workspace.defaultChannels)
        let map = ws.maps[0]
        #expect(map.id == MapID("map-1"))
        #expect(map.title == "Старая карта")
        #expect(map.goal == "Проверить миграцию")
        #expect(map.stages.map(\.emotion) == [-1, nil])
        #expect(map.lanes[0].content == .text)
        #expect(map.cell(lane: LaneID("thoughts"), stage: StageID("buy")) == "Дорого 🎬")
        // The old history applies to the migrated map.
        var session = EditSession(workspace: ws, history: opened.history)
        #expect(try session.undo()?.label == "score Потребность -1")
        #expect(try session.undo()?.label == "edit cell Покупка × Мысли")
        #expect(session.workspace.maps[0].cell(lane: LaneID("thoughts"), stage: StageID("buy")) == "Дорого")
        #expect(session.workspace.maps[0].stages[0].emotion == nil)
        // Saved again, it is a version 2 file, and opens the same.
        try MapStore.save(session.workspace, history: session.history, to: path)
        #expect(readText(path).contains("\"version\": 2"))
        #expect(try MapStore.open(path).workspace == session.workspace)
        #expect(try MapStore.open(path).history == session.history)
    }

    @Test func errorsInAVersion1FileNameItsOwnFields() {
        let broken = Self.version1.replacingFirst("\"emotion\": -1", with: "\"emotion\": 9")
        do {
            _ = try MapCodec.decode(Array(broken.utf8))
            Issue.record("no error")
        } catch {
            #expect(error.message == "stages[0].emotion: expected a score from -2 to 2, found 9")
        }
    }

    @Test func version2RejectsScoresOfPersonasNotOnTheMap() {
        var ws = sampleWorkspace
        ws.maps[0].stages[0].emotions[PersonaID("maks")] = 1
        do {
            _ = try MapCodec.decode(MapCodec.encode(ws))
            Issue.record("no error")
        } catch {
            #expect(error.message == "maps[0].stages[0].emotions.maks: \"maks\" is not a persona of this map")
        }
    }

    /// A history that names its map by the old fingerprint (FNV-1a) is the map's only when
    /// the map is still the bytes it names; the next save names it by the new one.
    @Test func aHistoryWithTheOldFingerprintIsCheckedByIt() throws {
        let dir = temporaryFolder()
        let path = dir + "/map.json"
        var session = EditSession(workspace: Templates.named("cinema-ru")!.workspace)
        try session.perform(Edits.setTitle(session.workspace.maps[0], "one")!)
        try MapStore.save(session.workspace, history: session.history, to: path)
        let bytes = try AtomicFile.read(path)
        let history = MapStore.historyPath(for: path)
        let newer = readText(history)
        #expect(newer.contains(fingerprint(bytes)) && fingerprint(bytes).hasPrefix("xxh64:"))
        writeText(history, newer.replacing(fingerprint(bytes), with: Fingerprint.legacy(bytes)))
        let opened = try MapStore.open(path)
        #expect(opened.notices.isEmpty)
        #expect(opened.history == session.history)
        try MapStore.save(opened.workspace, history: opened.history, to: path)
        #expect(readText(history) == newer)
        // The old fingerprint of other bytes: the history is set aside, never applied.
        writeText(history, newer.replacing(fingerprint(bytes), with: Fingerprint.legacy(bytes + [0x0A])))
        let other = try MapStore.open(path)
        #expect(other.history == History())
        #expect(!other.notices.isEmpty)
    }
}
