"""Reference sections → items: one per line, numbered and wrapped, unnumbered and wrapped."""

from __future__ import annotations

from peertui.core.ingest.refsplit import label_of, split_references


def test_one_item_per_line_is_kept_as_printed() -> None:
    lines = [
        "Abel K, Brun T. Growth of moss on north faces. J Moss Res. 2001;12:33-40.",
        "Cole P, Dunn R, Eade S. Snow and its many colours. Snow Sci. 2003;4:1-9.",
        "Fenn Q. Why rivers bend: a review. Geo Lett. 1999;7:100-110.",
    ]
    assert split_references(lines) == lines


def test_numbered_items_wrapped_over_lines_with_numbers_at_line_starts() -> None:
    lines = [
        "[1] A. Abel, “On the bending of rivers,” Journal of Water, vol. 33, no.",
        "19, pp. 1360–1369, 1997.",
        "[2] B. Brun and C. Cole, “Moss on north faces: a survey,” Moss",
        "Letters, vol. 4, pp. 1–9, 2001.",
        "",
        "[3] D. Dunn, “Snow,” Snow Science, vol. 7, no. 2, pp. 5–8, 2003.",
    ]
    items = split_references(lines)
    assert items == [
        "[1] A. Abel, “On the bending of rivers,” Journal of Water, vol. 33, no. 19, "
        "pp. 1360–1369, 1997.",
        "[2] B. Brun and C. Cole, “Moss on north faces: a survey,” Moss Letters, vol. 4, "
        "pp. 1–9, 2001.",
        "[3] D. Dunn, “Snow,” Snow Science, vol. 7, no. 2, pp. 5–8, 2003.",
    ]


def test_a_running_head_with_a_page_number_does_not_start_an_item() -> None:
    lines = [
        "1. Abel K. Moss. J Moss. 2001;1:1-2.",
        "2. Brun T. Rivers and their",
        "6 Journal of Invented Studies",
        "bends. Geo. 2002;2:3-4.",
        "3. Cole P. Snow. Snow Sci. 2003;3:5-6.",
    ]
    items = split_references(lines)
    assert len(items) == 3
    assert items[2].startswith("3. Cole P.")


def test_dotted_and_bare_labels() -> None:
    assert label_of("12. Abel K. Moss.") == ("12.", 12)
    assert label_of("[7] Abel K.") == ("[7]", 7)
    assert label_of("(3) Abel K.") == ("(3)", 3)
    assert label_of("4 Abel K.") == ("4", 4)
    assert label_of("Abel K. 2001.") == ("", None)


def test_unnumbered_wrapped_items_split_at_an_author_list_after_an_item_end() -> None:
    lines = [
        "Anna Abel, Bert Brun, and Carla Cole. 2016. Neural",
        "moss detection. In MOSS.",
        "Dora Dunn and Emil Eade. 2015. A corpus of river",
        "bends. Transactions of Water 3:315–328.",
        "",
        "Fritz Fenn. 2007. Frustratingly easy snow. In ACL.",
        "Gina Gold, Hans Hahn, and",
        "Ida Ito. 2011. Rivers from scratch.",
        "In JMLR.",
    ]
    items = split_references(lines)
    assert items == [
        "Anna Abel, Bert Brun, and Carla Cole. 2016. Neural moss detection. In MOSS.",
        "Dora Dunn and Emil Eade. 2015. A corpus of river bends. Transactions of Water 3:315–328.",
        "Fritz Fenn. 2007. Frustratingly easy snow. In ACL.",
        "Gina Gold, Hans Hahn, and Ida Ito. 2011. Rivers from scratch. In JMLR.",
    ]


def test_a_word_broken_at_a_line_end_is_mended() -> None:
    items = split_references(["1. Abel K. The dis-", "covery of moss. J Moss. 2001;1:1-2."])
    assert items == ["1. Abel K. The discovery of moss. J Moss. 2001;1:1-2."]


def test_bulleted_items_lose_their_bullets() -> None:
    lines = [
        "- Abel K. Moss. J Moss. 2001;1:1-2.",
        "- Brun T. Rivers and their",
        "  bends. Geo. 2002;2:3-4.",
        "* Cole P. Snow. Snow Sci. 2003;3:5-6.",
    ]
    assert split_references(lines) == [
        "Abel K. Moss. J Moss. 2001;1:1-2.",
        "Brun T. Rivers and their bends. Geo. 2002;2:3-4.",
        "Cole P. Snow. Snow Sci. 2003;3:5-6.",
    ]


def test_a_hanging_indent_marks_where_items_start() -> None:
    lines = [
        "Abel K, Brun T, Cole P, Dunn R, Eade S, Fenn Q. Growth of moss on north faces",
        "   of old walls. J Moss Res. 2004;12:100-110.",
        "Gold H. Snow. Snow Sci. 2003;4:1-9.",
        "Hahn I, Ito J, Jung K, Klee L, Lang M, Moor N, Nagel O, Ohm P, Pohl Q, Rau R,",
        "   Sand S. Rivers. Geo Lett. 1999;7:100-110.",
    ]
    assert [item[:8] for item in split_references(lines)] == ["Abel K, ", "Gold H. ", "Hahn I, "]


def test_a_doi_broken_at_a_line_end_is_joined() -> None:
    items = split_references(
        [
            "[1] A. Abel, “Moss,” Moss Lett., vol. 3, pp. 1–9, 2016, doi:10.1016/j.",
            "moss.2015.11.005.",
        ]
    )
    assert items == [
        "[1] A. Abel, “Moss,” Moss Lett., vol. 3, pp. 1–9, 2016, doi:10.1016/j.moss.2015.11.005."
    ]


def test_a_numbered_list_that_does_not_start_at_one() -> None:
    # An excerpt, or a list continued from an earlier page: the labels still run in sequence.
    lines = [
        "16 Abel, K. et al. Moss in cities. J Moss 11, e100 (2015).",
        "17 Brun, T. et al. Moss in towns. J Moss 12, 1–9 (2016).",
        "18 Cole, M. Moss in",
        "villages. J Moss 13, 2–8 (2017).",
    ]
    assert split_references(lines) == [
        lines[0],
        lines[1],
        "18 Cole, M. Moss in villages. J Moss 13, 2–8 (2017).",
    ]
