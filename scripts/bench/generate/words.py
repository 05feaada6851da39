"""The words and names the synthetic briefing is made of (invented parties, real outlets)."""

from __future__ import annotations

from typing import Final

_WORDS = (
    "electric vehicle sedan battery charging factory plant capacity deliveries orders launch "
    "model platform supplier partnership regulator approval ministry production licence "
    "quarter revenue margin loss profit investment market share buyers range kilometres motor "
    "software operating system smartphone ecosystem dealers stores recall crash safety driver "
    "assistance autonomous lidar chip cockpit price discount waiting list rival competition "
    "export europe subsidy tariff analysts expect plans second phase expansion annual target "
    "units weekly registrations insurance data monthly record growth slowdown demand supply "
    "chain shortage components steel aluminium die casting gigapress robot line shift hiring "
    "engineers research development patents design studio wind tunnel testing winter summer "
    "certification catalogue listing technical parameters weight length wheelbase seats "
    "interior display speaker heat pump network stations partners fast slow home wallbox "
    "warranty service centre owners community feedback update firmware version"
)
WORDS: Final = tuple(_WORDS.split())

# News outlets; some pages are copies of a wire service's story (``copy_of``).
NEWS_OUTLETS: Final = (
    "Reuters",
    "Bloomberg",
    "CnEVPost",
    "South China Morning Post",
    "Caixin",
    "Xinhua",
    "Financial Times",
    "The Verge",
    "Electrek",
    "Nikkei Asia",
    "Yicai Global",
    "36Kr",
    "Sina Tech",
    "Car News China",
    "Gasgoo",
    "TechNode",
)
WIRE_SERVICES: Final = ("Reuters", "Bloomberg", "Xinhua")
AGGREGATORS: Final = ("Nasdaq", "Yahoo Finance", "MarketScreener", "TBS News", "Gadgets 360")
ANALYSTS: Final = ("Counterpoint Research", "Canalys", "Rho Motion", "Bernstein", "Jefferies")
OFFICIAL_PUBLISHERS: Final = ("HKEXnews", "Beijing Municipal Commission of Transport")

# Invented parties: a syllable, its character, so names have a Chinese form.
SYLLABLES: Final = {
    "Han": "汉",
    "Lu": "路",
    "Qian": "前",
    "Tai": "泰",
    "Xing": "星",
    "Yun": "云",
    "Hua": "华",
    "Long": "龙",
    "Feng": "风",
    "Ming": "明",
    "Jia": "嘉",
    "Chen": "辰",
    "An": "安",
    "Kai": "凯",
    "Rui": "瑞",
    "Bo": "博",
}
SURNAMES: Final = {"Zhao": "赵", "Wang": "王", "Li": "李", "Zhang": "张", "Liu": "刘", "Sun": "孙"}
REGIONS: Final = {
    "Beijing": "北京",
    "Shanghai": "上海",
    "Guangdong": "广东",
    "Hubei": "湖北",
    "Anhui": "安徽",
    "Jiangsu": "江苏",
}
# What a kind of entity is called after its name, in English and in Chinese.
COMPANY_SUFFIXES: Final = (("Motors", "汽车"), ("Group", "集团"), ("Technology", "科技"))
