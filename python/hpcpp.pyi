# Type stubs of the hpcpp extension module (numexpr's API and the lecture's programs).
import os
from typing import Any, Callable, Mapping, Optional, Union

import numpy as np
import numpy.typing as npt

__version__: str
ncores: int
_last_calls: Any

class ExpressionError(TypeError, ValueError, NotImplementedError):
    """An expression that parses but the engine cannot compile for these operand types."""

class ExpressionSyntaxError(SyntaxError, ValueError):
    """Text the expression grammar refuses (numexpr's SyntaxError and its sanitizer's ValueError)."""

_Dict = Optional[Mapping[str, Any]]

def evaluate(
    ex: str,
    local_dict: _Dict = None,
    global_dict: _Dict = None,
    out: Optional[np.ndarray] = None,
    order: str = "K",
    casting: str = "safe",
    **kwargs: Any,
) -> np.ndarray: ...
def validate(
    ex: str,
    local_dict: _Dict = None,
    global_dict: _Dict = None,
    out: Optional[np.ndarray] = None,
    order: str = "K",
    casting: str = "safe",
    **kwargs: Any,
) -> Optional[Exception]: ...
def re_evaluate(local_dict: _Dict = None, **kwargs: Any) -> np.ndarray: ...

class CompiledExpression:
    @property
    def names(self) -> list[str]: ...
    @property
    def text(self) -> str: ...
    def __call__(self, *args: npt.ArrayLike, **kwargs: Any) -> np.ndarray: ...

def compile(ex: str) -> CompiledExpression: ...
def set_num_threads(n: int) -> int: ...
def get_num_threads() -> int: ...
def detect_number_of_cores() -> int: ...

class Diff2dResult:
    @property
    def field(self) -> np.ndarray: ...
    @property
    def simtimes(self) -> list[float]: ...
    @property
    def steps(self) -> int: ...
    @property
    def x(self) -> np.ndarray: ...
    @property
    def dx(self) -> float: ...
    @property
    def dt(self) -> float: ...

def diff2d(
    params: Union[str, "os.PathLike[str]", Mapping[str, Any], None] = None,
    backend: str = "auto",
    threads: Optional[int] = None,
    callback: Optional[Callable[[float, np.ndarray], Any]] = None,
    *,
    frames: Union[str, "os.PathLike[str]", None] = None,
    animation: Union[str, "os.PathLike[str]", None] = None,
    save: Union[str, "os.PathLike[str]", None] = None,
    frame_size: Optional[tuple[int, int]] = None,
    color_range: Optional[tuple[float, float]] = None,
    **overrides: Union[float, int, bool],
) -> Diff2dResult: ...
def auc(
    n: int = 300000000,
    backend: str = "threads",
    threads: Optional[int] = None,
    procs: Optional[int] = None,
    *,
    workers: Optional[int] = None,
) -> float: ...

class bigfile:
    """The submodule hpcpp.bigfile: arrays larger than memory, as `hpcpp bigfile` reads and writes them."""

    PathLike = Union[str, "os.PathLike[str]"]
    Shape = Optional[tuple[int, ...]]

    @staticmethod
    def create(path: PathLike, n: int, seed: int = 0, threads: Optional[int] = None, format: str = "npy") -> None: ...
    @staticmethod
    def average(path: PathLike, dtype: Optional[str] = None, shape: Shape = None, threads: Optional[int] = None) -> float: ...
    @staticmethod
    def stats(path: PathLike, dtype: Optional[str] = None, shape: Shape = None,
              threads: Optional[int] = None) -> dict[str, Union[int, float]]: ...
    @staticmethod
    def fit(path: PathLike, dtype: Optional[str] = None, shape: Shape = None, threads: Optional[int] = None) -> dict[str, float]: ...
    @staticmethod
    def get(path: PathLike, *index: int, dtype: Optional[str] = None, shape: Shape = None) -> Any: ...
    @staticmethod
    def clean(src: PathLike, dst: PathLike, min: float = ..., max: float = ..., replace: float = ...,
              dtype: Optional[str] = None, shape: Shape = None, threads: Optional[int] = None,
              format: str = "npy") -> dict[str, int]: ...
    @staticmethod
    def open(path: PathLike, dtype: Optional[str] = None, shape: Shape = None) -> np.memmap: ...
