"""Reading Comtrade's files (API envelope, bare array, CSV in the API's or the bulk files' spelling), the capture
URL of an imported file, and the parser's raw rows and errors. Inputs are test data in Comtrade's layout."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from sources.comtrade.parser import parse
from sources.comtrade.query import query_for_records, query_of_url
from sources.comtrade.reader import LAYOUT_ARRAY, LAYOUT_CSV, LAYOUT_ENVELOPE, NotComtradeError, read_comtrade
from tests.comtrade.fake_api import envelope, record
from tests.conftest import REPO

FIXTURES = REPO / "tests" / "fixtures" / "comtrade"
WHEN = datetime(2026, 11, 30, tzinfo=UTC)
URL = "https://comtradeapi.un.org/data/v1/get/C/A/HS?reporterCode=860&period=2020"


def test_the_api_envelope_and_a_bare_array_give_the_same_records():
    records = [record(860, 398, "X", "2020", 997640000.0)]
    from_envelope = read_comtrade(envelope(records))
    from_array = read_comtrade(json.dumps(records).encode())
    assert (from_envelope.layout, from_array.layout) == (LAYOUT_ENVELOPE, LAYOUT_ARRAY)
    assert from_envelope.records == from_array.records == records and from_envelope.count == 1


def test_csv_in_the_bulk_files_spelling_with_a_trailing_separator_and_a_bom():
    body = (
        "\ufeffReporterCode,PartnerCode,FlowCode,Period,CmdCode,CustomsCode,MotCode,CIFValue,PrimaryValue,\r\n"
        "860,398,M,2020,TOTAL,C00,0,2061480000.5,2061480000.5,\r\n"
    ).encode()
    found = read_comtrade(body)
    assert found.layout == LAYOUT_CSV
    assert found.records == [
        {
            "reporterCode": "860",
            "partnerCode": "398",
            "flowCode": "M",
            "period": "2020",
            "cmdCode": "TOTAL",
            "customsCode": "C00",
            "motCode": "0",
            "cifvalue": "2061480000.5",
            "primaryValue": "2061480000.5",
        }
    ]


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"", "an empty file"),
        (b"<html><title>Just a moment</title></html>", "an HTML or XML page"),
        (b'{"statusCode": 401, "message": "Access denied due to invalid subscription key."}', "status 401"),
        (b'{"elapsedTime":"0.01 secs","count":0,"data":null,"error":"Invalid reporterCode"}', "Invalid reporterCode"),
        (b'{"data": [{"reporterCode": 860', "not valid JSON"),
        (b"year,value\n2020,908\n", "no Comtrade column reporterCode, partnerCode, flowCode, primaryValue"),
    ],
)
def test_what_is_not_a_comtrade_file_is_named(body, reason):
    with pytest.raises(NotComtradeError, match=reason):
        read_comtrade(body)


def test_an_imported_file_is_a_capture_of_the_query_it_answers():
    found = read_comtrade((FIXTURES / "TEST-DATA-comtrade-860-uzb-monthly-2021.csv").read_bytes())
    query = query_for_records(found.records)
    assert query.url() == (
        "https://comtradeapi.un.org/data/v1/get/C/M/HS?reporterCode=860&period=202101,202102,202103,202104,202105,"
        "202106,202107,202108,202109,202110,202111,202112&partnerCode=398&partner2Code=0&cmdCode=TOTAL&flowCode=M,X"
        "&customsCode=C00&motCode=0"
    )
    assert query_of_url(query.url(preview=True)) == query


def test_records_of_two_frequencies_are_not_one_query():
    with pytest.raises(ValueError, match="split the file"):
        query_for_records([record(860, 398, "X", "2020", 1.0), record(860, 398, "X", "202001", 1.0)])


def test_parser_keeps_every_record_typed_and_the_record_as_written():
    body = (FIXTURES / "TEST-DATA-comtrade-398-kaz-annual-2018-2021.json").read_bytes()
    result = parse(body, URL, WHEN)
    rows = result.rows["comtrade_records"]
    assert result.errors == [] and len(rows) == 12
    re_export = next(r for r in rows if r["flow_code"] == "RX")
    assert (re_export["period"], re_export["ref_year"], re_export["ref_month"]) == ("2020", 2020, None)
    assert (re_export["reporter_code"], re_export["partner_code"], re_export["primary_value"]) == (398, 860, 12400000.0)
    assert json.loads(re_export["record_json"])["refMonth"] == 52
    [document] = result.rows["documents"]
    assert document["page_kind"] == "statistics" and document["layout"] == LAYOUT_ENVELOPE
    assert document["title"] == "UN Comtrade annual trade: reporter 398 Kazakhstan; partner 860 Uzbekistan; 2018–2021"


def test_bad_records_are_kept_and_reported_once_for_the_capture():
    records = [record(860, 398, "X", "2020", 1.0) for _ in range(8)]
    for bad in records[1:]:
        bad["primaryValue"] = "n/a"
    result = parse(envelope(records), URL, WHEN)
    assert len(result.rows["comtrade_records"]) == 8
    [error] = result.errors
    assert error.error_kind == "bad_record"
    assert error.message.startswith("comtradeapi.un.org: 7 of 8 record(s) cannot be used: record 1: primaryValue 'n/a'")
    assert error.message.endswith("and 2 more")


def test_a_short_answer_is_reported():
    body = json.dumps({"elapsedTime": "0.2 secs", "count": 3, "data": [record(860, 398, "X", "2020", 1.0)]})
    [error] = parse(body.encode(), URL, WHEN).errors
    assert error.error_kind == "count_mismatch" and "count 3 but holds 1" in error.message
