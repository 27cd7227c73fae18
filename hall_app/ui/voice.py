"""Voice announcements, queued so that they never overlap and never cut each other short.

Backends, best first: QtTextToSpeech with a Chinese voice; the recorded clips joined into
one WAV and played with QSoundEffect; silence (muted, or no audio stack on this PC — the
board still shows the call). The queue moves on when the backend says it has finished, or
after the announcement's length when it cannot tell.

Audio that fails (no output device, a clip that is missing or will not play, a speech engine
error) is reported through ``Announcer.failed`` with a Chinese reason, and ``Announcer.recovered``
once an announcement plays again: the board shows a marker and records it for the supervisor.
"""

from __future__ import annotations

import logging
import tempfile
import wave
from collections import deque
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer, QUrl, Signal

from hall_app.domain.announce import Announcement, call_announcement
from hall_app.domain.calls import CallEvent
from hall_app.speech import join_clips

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QSoundEffect
    from PySide6.QtTextToSpeech import QTextToSpeech

log = logging.getLogger("hall_app.voice")
PAUSE_MS = 600  # between two announcements


class Backend(Protocol):
    """What the announcer needs of a backend (each is also a QObject; one that can tell has
    a ``done`` signal, one that fails later a ``failed`` signal)."""

    name: str
    problem: str | None

    def say(self, ann: Announcement, volume: float) -> float:
        """Start saying ``ann``; returns how long it lasts at most, in seconds."""
        ...


# what a broken or missing clip raises while the announcement is put together
CLIP_ERRORS = (OSError, ValueError, EOFError, KeyError, wave.Error)


class SilentBackend(QObject):
    """No sound: used when muted and by the tests, and when Qt has no audio here (then
    ``problem`` says why, and the board shows it)."""

    name = "silent"

    def __init__(
        self,
        parent: QObject | None = None,
        seconds_per_token: float = 0.3,
        problem: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.seconds_per_token = seconds_per_token
        self.spoken: list[str] = []
        self.problem = problem

    def say(self, ann: Announcement, volume: float) -> float:
        self.spoken.append(ann.text)
        return len(ann.tokens) * self.seconds_per_token


class ClipBackend(QObject):
    """The shipped clips (or those in ``clips``), joined; QSoundEffect plays the WAV."""

    name = "clips"
    failed = Signal(str)  # the player could not play a joined announcement

    def __init__(self, parent: QObject | None = None, clips: Path | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtMultimedia import QSoundEffect  # needs libpulse on Linux

        self._effect_class = QSoundEffect
        self.effect: QSoundEffect | None = None  # made on the first announcement that joins
        self.clips = clips
        self.problem: str | None = None
        self.folder = Path(tempfile.mkdtemp(prefix="hall_voice_"))
        self.count = 0

    def _player(self) -> QSoundEffect:
        if self.effect is None:
            self.effect = self._effect_class(self)
            self.effect.statusChanged.connect(self._status)
        return self.effect

    def _status(self) -> None:
        if self.effect is not None and self.effect.status() == self._effect_class.Status.Error:
            self.failed.emit("语音无法播放（音频设备或声音文件出错）")

    def say(self, ann: Announcement, volume: float) -> float:
        data, seconds = join_clips(ann.tokens, self.clips)
        self.count += 1
        path = self.folder / f"call-{self.count % 4}.wav"  # a few files, reused in turn
        path.write_bytes(data)
        effect = self._player()
        effect.setSource(QUrl.fromLocalFile(str(path)))
        effect.setVolume(volume)
        effect.play()
        return seconds


class SpeechBackend(QObject):
    """QTextToSpeech with a Mandarin voice (picked by locale or name)."""

    name = "tts"
    done = Signal()  # the engine is ready again: the announcement was said to the end
    failed = Signal(str)

    def __init__(self, engine: QTextToSpeech, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.problem: str | None = None
        from PySide6.QtTextToSpeech import QTextToSpeech

        def state(value: object) -> None:
            if value == QTextToSpeech.State.Ready:
                self.done.emit()
            elif value == QTextToSpeech.State.Error:
                error = engine.errorString() or "未知错误"
                self.failed.emit(f"语音合成出错：{error}")

        engine.stateChanged.connect(state)

    def say(self, ann: Announcement, volume: float) -> float:
        self.engine.setVolume(volume)
        self.engine.say(ann.text)
        return len(ann.text) * 0.6  # a safety limit: the queue moves on at ``done``


def best_backend(parent: QObject | None = None) -> Backend:
    try:
        from PySide6.QtCore import QLocale
        from PySide6.QtTextToSpeech import QTextToSpeech

        for engine_name in QTextToSpeech.availableEngines():
            if engine_name == "mock":
                continue
            engine = QTextToSpeech(engine_name)
            voices = [
                v
                for v in engine.availableVoices()
                if v.locale().language() == QLocale.Language.Chinese
                or "mandarin" in v.name().lower()
                or "chinese" in v.name().lower()
            ]
            if voices:
                engine.setVoice(voices[0])
                log.info("voice: %s / %s", engine_name, voices[0].name())
                return SpeechBackend(engine, parent)
    except ImportError as error:
        log.warning("no text-to-speech: %s", error)
    try:
        backend = ClipBackend(parent)
    except ImportError as error:
        log.warning("no audio playback (%s): announcements are shown only", error)
        return SilentBackend(parent, problem="本机没有可用的音频组件，叫号无法播报")
    from PySide6.QtMultimedia import QMediaDevices

    if not QMediaDevices.audioOutputs():
        backend.problem = "本机没有可用的音频输出设备，叫号无法播报"
    return backend


class Announcer(QObject):
    started = Signal(object)  # Announcement
    finished = Signal(object)
    failed = Signal(str)  # why the audio does not work (Chinese, for the board and supervisor)
    recovered = Signal()  # an announcement played again after a failure

    def __init__(
        self,
        backend: Backend,
        *,
        repeat: int = 2,
        volume: float = 1.0,
        muted: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.backend = backend
        self.repeat = max(1, repeat)
        self.volume = volume
        self.muted = muted
        self.queue: deque[Announcement] = deque()
        self.current: Announcement | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._done)
        self.problem: str | None = getattr(backend, "problem", None)
        self._failed_now = False
        done = getattr(backend, "done", None)
        if done is not None:  # the backend tells when it has finished speaking
            done.connect(lambda: QTimer.singleShot(PAUSE_MS, self._done))
        failed = getattr(backend, "failed", None)
        if failed is not None:  # the player or engine reports a failure later
            failed.connect(self._fail)

    def _fail(self, problem: str) -> None:
        self._failed_now = True
        if problem != self.problem:
            self.problem = problem
            log.warning("audio failure: %s", problem)
            self.failed.emit(problem)

    def announce_call(self, event: CallEvent) -> None:
        """Say a recorded call (or recall) ``repeat`` times, after those queued before."""
        self.announce(call_announcement(event))

    def announce(self, ann: Announcement) -> None:
        if self.muted:
            return
        self.queue.extend([ann] * self.repeat)
        if self.current is None:
            self._next()

    def _next(self) -> None:
        if not self.queue:
            self.current = None
            return
        self.current = self.queue.popleft()
        self.started.emit(self.current)
        self._failed_now = False
        try:
            seconds = self.backend.say(self.current, self.volume)
        except CLIP_ERRORS as error:  # a missing or broken clip must not stop the queue
            self._fail(f"语音文件缺失或损坏，无法播报（{type(error).__name__}: {error}）"[:200])
            seconds = 0.0
        self.timer.start(int(seconds * 1000) + PAUSE_MS)

    def _done(self) -> None:
        self.timer.stop()
        if self.current is None:  # the safety timer and the backend both reported
            return
        done, self.current = self.current, None
        self.finished.emit(done)
        backend_problem = getattr(self.backend, "problem", None)
        if self.problem is not None and not self._failed_now and backend_problem is None:
            self.problem = None  # played to the end without a failure
            self.recovered.emit()
        self._next()

    def clear(self) -> None:
        self.queue.clear()
