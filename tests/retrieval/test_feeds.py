"""akshare's own parsers run on recorded payloads in the live wire format (network mocked at the edge)."""

import json

import pytest
import responses

from retrieval.normalize import normalize_record
from retrieval.sources import SourceReadError, read_feed

CLS_URL = "https://www.cls.cn/v1/roll/get_roll_list"
EM_URL = "https://np-weblist.eastmoney.com/comm/web/getFastNewsList"
CJZC_URL = "https://np-listapi.eastmoney.com/comm/web/getNewsByColumns"


def _items(spec):
    return [normalize_record(raw.record) for raw in read_feed(spec)]


@responses.activate
def test_cls_telegraph():
    roll = [
        {
            "id": 2398178,
            "title": "沪深两市成交额超3万亿",
            "brief": "简",
            "content": "【沪深两市成交额超3万亿】财联社6月12日电，沪深两市成交额超3万亿。",
            "level": "B",
            "ctime": 1781246760,
            "modified_time": 1781246760,
            "shareurl": "https://api3.cls.cn/share/article/2398178",
            "subjects": [],
        },
        {
            "id": 2398179,
            "title": "",
            "brief": "",
            "content": "【央行开展逆回购】财联社电，央行开展逆回购。",
            "level": "C",
            "ctime": 1781246700,
            "modified_time": 1781246700,
            "shareurl": "",
            "subjects": [],
        },
    ]
    responses.get(CLS_URL, json={"error": 0, "data": {"roll_data": roll, "update_num": 2}})
    items = _items("cls")
    assert [item.title for item in items] == ["央行开展逆回购", "沪深两市成交额超3万亿"]
    assert items[1].published_at.isoformat() == "2026-06-12T14:46:00+08:00"
    assert {item.source for item in items} == {"cls"}


@responses.activate
def test_eastmoney_global_flashes():
    news = [
        {
            "code": "202606123768000001",
            "image": [],
            "pinglunNum": 0,
            "realSort": "1781246760000001",
            "share": 0,
            "showTime": "2026-06-12 14:46:00",
            "stockList": [],
            "summary": "沪深两市成交额突破3万亿元。",
            "title": "沪深两市成交额突破3万亿元",
            "titleColor": 0,
        }
    ]
    responses.get(
        EM_URL, json={"code": "1", "data": {"fastNewsList": news, "sortEnd": "x", "total": 1}, "message": "success"}
    )
    [item] = _items("em")
    assert item.url == "https://finance.eastmoney.com/a/202606123768000001.html"
    assert item.source == "eastmoney" and item.published_at.hour == 14


@responses.activate
def test_flash_without_summary_is_not_stored_as_nan():
    # pandas 3 turns the null in a column of strings into NaN
    news = [
        {
            "code": "202606123768000008",
            "showTime": "2026-06-12 15:01:00",
            "summary": "央行开展逆回购。",
            "title": "央行开展逆回购",
            "stockList": [],
        },
        {
            "code": "202606123768000009",
            "showTime": "2026-06-12 15:00:00",
            "summary": None,
            "title": "沪深两市成交额较上日放量",
            "stockList": [],
        },
    ]
    responses.get(EM_URL, json={"code": "1", "data": {"fastNewsList": news, "total": 2}})
    items = _items("em")
    assert items[1].content == items[1].title == "沪深两市成交额较上日放量"


@responses.activate
def test_eastmoney_breakfast_two_pages_deduplicated_later():
    row = {
        "code": "202606123768000002",
        "showTime": "2026-06-12 06:30:00",
        "title": "东方财富财经早餐 6月12日",
        "mediaName": "东方财富研究中心",
        "summary": "今日早餐要点。",
        "image": "",
        "url": "",
        "uniqueUrl": "http://finance.eastmoney.com/a/202606123768000002.html",
        "Np_dst": "",
    }
    responses.get(CJZC_URL, json={"code": 1, "data": {"list": [row], "page_index": 1, "total_hits": 1}})
    items = _items("cjzc")
    assert len(items) == 2 and items[0].url == items[1].url  # same page served twice: ingest skips by url
    assert items[0].source == "eastmoney-cjzc"


def test_stock_news_em_over_curl_cffi(monkeypatch):
    import akshare.news.news_stock as news_stock

    payload = {
        "code": 0,
        "result": {
            "cmsArticleWebOld": [
                {
                    "date": "2026-06-12 09:30:00",
                    "mediaName": "证券时报",
                    "code": "202606123768000003",
                    "title": "贵州茅台(<em>600519</em>)发布公告",
                    "content": "贵州茅台(<em>600519</em>)公告称\u3000分红。",
                    "image": "",
                }
            ]
        },
    }
    body = "jQuery35101792940631092459_1764599530165(" + json.dumps(payload, ensure_ascii=False) + ")"
    calls = []

    class FakeCurl:
        @staticmethod
        def get(url, params=None, headers=None, **kwargs):
            calls.append(url)
            return type("Response", (), {"text": body, "status_code": 200})()

    monkeypatch.setattr(news_stock, "requests", FakeCurl)
    [item] = _items("symbol:600519")
    assert calls == ["https://search-api-web.eastmoney.com/search/jsonp"]
    assert item.title == "贵州茅台600519发布公告" and "<em>" not in item.content
    assert item.source == "证券时报" and item.tags == ["600519"]
    assert item.url == "http://finance.eastmoney.com/a/202606123768000003.html"


@responses.activate
def test_feed_failure_is_one_line():
    responses.get(EM_URL, status=502, body="bad gateway")
    with pytest.raises(SourceReadError, match="feed 'em' failed"):
        list(read_feed("em"))
    with pytest.raises(SourceReadError, match="unknown feed"):
        list(read_feed("sina"))
    with pytest.raises(SourceReadError, match="6-digit"):
        list(read_feed("symbol:abc"))


@responses.activate
def test_failing_cls_feed_gives_up_after_the_capped_attempts_with_a_timeout():
    # akshare itself would try 10 times with doubling sleeps (minutes); we cap it.
    responses.get(CLS_URL, status=502)
    with pytest.raises(SourceReadError, match="feed 'cls' failed"):
        list(read_feed("cls", timeout_s=2.5, attempts=2))
    assert len(responses.calls) == 2
    assert all(call.request.req_kwargs["timeout"] == 2.5 for call in responses.calls)
