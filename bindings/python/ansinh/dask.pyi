from typing import Any, Literal, Sequence, Union

import dask.dataframe as dd
import pandas as pd

from . import DayLike, Detail, FrameResult, Lang, MonthLike, PathLike, RuleSet

def load_cached(rules_path: PathLike, expected_hash: str | None = ...,
                roots: Sequence[PathLike] | None = ...) -> RuleSet: ...
def evaluate(households: Union[dd.DataFrame, pd.DataFrame], persons: Union[dd.DataFrame, pd.DataFrame],
             rules_path: PathLike, as_of: DayLike | None = ..., period: MonthLike | None = ..., *,
             roots: Sequence[PathLike] | None = ..., npartitions: int | None = ..., threads: int = ...,
             reasons: bool = ..., lang: Lang | None = ..., carry: str | Sequence[str] | None = ...,
             unknown_columns: Literal["error", "warn", "ignore"] = ...,
             household_id_column: str = ..., detail: Detail = ...) -> FrameResult: ...
