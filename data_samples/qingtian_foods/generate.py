"""Generate the synthetic sample engagement 晴田食品 (Qingtian Foods).

SYNTHETIC DATA. 晴田食品 is a fictional FMCG food distributor. Every name, scorecard,
number and answer in this folder is made up to demonstrate and test Orient; none of it
describes a real company or a real person.

Run from any directory::

    python data_samples/qingtian_foods/generate.py

It rewrites ``engagement.yaml``, ``README.md`` and ``inputs/workbook.xlsx`` identically on
every run (``numpy.random.default_rng(20261122)``; the workbook's created/modified
properties and the zip entry times are fixed). Only the standard library, numpy, pandas,
openpyxl and pyyaml are used, through the machinery shared by all samples in
``../_synth.py``.

Input convention (different from the CSV sample 星云软件): ONE workbook whose sheets carry
the Chinese table names (现行指标, 问卷, 客户旅程, 员工, 实际值, 客户结果, 术语表) and
Chinese headers; weights are stored as Excel percentages (cell value 0.3 shown as 30 % through
the number format ``0%``); a ``说明`` sheet describes the data and is ignored by the loader.

The current scorecards lean to sell-in volume (销量, 回款, 铺货数量, 拜访家数) over
sell-out and dealer health, and carry the METHOD §2.4 defects listed in README.md; the
customer journey contains RACI defects and uncovered moments of truth; the outcomes show
top sell-in channel managers who push inventory onto their dealers, and a sales
department that is "KPI green, customer red".
"""
from __future__ import annotations

import datetime as dt
import io
import math
import sys
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

HERE = Path(__file__).resolve().parent
sys.dont_write_bytecode = True  # no __pycache__ in data_samples/, whose folders are samples
sys.path.insert(0, str(HERE.parent))  # data_samples/, home of the shared _synth.py
import _synth as synth  # noqa: E402

INPUTS = HERE / "inputs"
WORKBOOK = INPUTS / "workbook.xlsx"
SEED = 20261122
FIXED_TIME = dt.datetime(2026, 11, 21, 9, 0, 0)
PERIODS = ["2025Q1", "2025Q2", "2025Q3", "2025Q4"]
H, L = synth.HIGHER, synth.LOWER

CHANNEL, KA, MARKETING = "渠道销售部", "重点客户部(KA)", "市场部"
SUPPLY, FINANCE, HR = "供应链物流部", "财务部", "人力资源部"
DEPARTMENTS = [CHANNEL, KA, MARKETING, SUPPLY, FINANCE, HR]
CUSTOMER_FACING = [CHANNEL, KA, SUPPLY]
# Positions whose employees own dealer / KA relationships and get customer outcomes.
OUTCOME_POSITIONS = ("渠道销售总监", "大区经理", "渠道经理", "KA总监", "KA经理")
OUTCOME_METRICS = ("经销商满意度", "终端动销率", "经销商流失数")
# Sheet names (the Chinese table labels of templates/inputs/tables.yaml).
SHEETS = {"current_kpis": "现行指标", "survey": "问卷", "journey": "客户旅程",
          "employees": "员工", "actuals": "实际值", "outcomes": "客户结果", "glossary": "术语表"}
GLOSSARY_HEADERS = ("术语", "英文名称")


# Indicator cards (see synth.Card for the models of their actuals). Drivers here: push
# (sell-in drive), care (care for the dealer's business), work (diligence) or none.
card = synth.card

PCT = dict(hi=100.0)
GAP = dict(model="gap", mu=0.85, sd=0.35, beta=0.25, hi=100.0)
COUNT = dict(dec=0)
FLAT = dict(driver="none", mu=0.98, sd=0.05, lo=50, hi=150)

# Indicator cards of the client (name -> card). Targets are per quarter.
CARDS: dict[str, synth.Card] = {
    # ---- 渠道销售部
    "销量达成率": card("考核期内经销商从公司进货(出库开票)的箱数占销量目标的比例，即进货口径销量",
                  "经销商进货箱数÷销量目标箱数×100%", H, "ERP系统", "季度", "销售运营专员",
                  100, "{t}%", "B", "结果",
                  driver="push", mu=0.99, sd=0.07, beta=0.12, lo=40, hi=180),
    "回款达成率": card("考核期内经销商实际到账货款占回款目标的比例",
                  "实际到账货款÷回款目标×100%", H, "财务系统", "季度", "应收会计",
                  100, "{t}%", "B", "结果",
                  driver="push", mu=0.99, sd=0.05, beta=0.06, lo=50, hi=140),
    "新品进货量": card("考核期内经销商进货的新品(上市12个月内)箱数", "∑新品进货箱数", H,
                  "ERP系统", "季度", "销售运营专员", 900, "≥{t}箱/季度", "B", "结果",
                  driver="push", mu=0.98, sd=0.12, beta=0.15, dec=0),
    "铺货数量": card("考核期末有主销品在售的终端门店数", "有货终端门店计数", H, "移动访销系统",
                 "季度", "销售运营专员", 1500, "≥{t}家", "B", "结果",
                 driver="push", mu=1.0, sd=0.06, beta=0.06, dec=0),
    "铺货率": card("有主销品在售的终端门店占辖区目标门店总数的比例",
                "有货门店数÷辖区目标门店数×100%", H, "移动访销系统", "季度", "销售运营专员",
                75, "≥{t}%", "B", "结果", driver="work", sd=0.05, beta=0.04, **PCT),
    "拜访家数": card("考核期内在移动访销系统签到并填写拜访记录的门店与经销商拜访次数",
                 "∑签到拜访次数", H, "移动访销系统", "季度", "销售运营专员", 260,
                 "≥{t}家次/季度", "I", "过程", mu=1.04, sd=0.07, dec=0),
    "拜访计划完成率": card("团队实际完成的拜访次数占拜访计划次数的比例",
                    "实际拜访次数÷计划拜访次数×100%", H, "移动访销系统", "月度",
                    "销售运营专员", 100, "{t}%", "I", "过程", mu=1.01, sd=0.04, lo=60, hi=120),
    "促销执行完整度": card("促销物料和赠品按活动方案上架到位的门店占活动计划门店的比例",
                    "物料到位门店数÷活动计划门店数×100%", H, "移动访销系统(拍照)", "季度",
                    "渠道管理专员", 90, "≥{t}%", "I", "过程", **GAP),
    "经销商库存天数": card("经销商期末库存按近30天日均向下游出货量折算的可销天数",
                    "期末库存箱数÷近30天日均出货箱数", L, "DMS经销商管理系统", "月度",
                    "渠道管理专员", 30, "≤{t}天", "C", "结果",
                    driver="care", mu=1.0, sd=0.08, beta=0.16, lo=8, hi=120, dec=0),
    "终端动销率": card("考核期内有本品销售记录(动销)的门店占铺货门店的比例",
                  "动销门店数÷铺货门店数×100%", H, "DMS经销商管理系统、移动访销系统", "季度",
                  "渠道管理专员", 80, "≥{t}%", "C", "结果",
                  driver="care", mu=0.95, sd=0.03, beta=0.06, lo=30, **PCT),
    "经销商满意度": card("季度经销商满意度调研的综合得分(百分制)",
                   "各题得分×题目权重之和，按经销商取平均", H, "满意度调研系统", "季度",
                   "市场调研专员", 80, "≥{t}分", "C", "结果",
                   driver="care", mu=0.97, sd=0.02, beta=0.06, lo=30, **PCT),
    "销售费用率": card("销售费用(促销、陈列、差旅与人员费用)占销售收入的比例",
                  "销售费用÷销售收入×100%", L, "财务系统", "季度", "财务经理", 8, "≤{t}%",
                  "I", "过程", **FLAT),
    "新品销量占比": card("新品(上市12个月内)销量占总销量的比例", "新品销量÷总销量×100%", H,
                   "ERP系统", "季度", "销售运营专员", 12, "≥{t}%", "B", "结果",
                   driver="push", sd=0.1, beta=0.1, **PCT),
    "人员流失率": card("考核期内主动离职人数占平均在职人数的比例",
                  "主动离职人数÷平均在职人数×100%", L, "HR系统", "季度", "HRBP", 5, "≤{t}%",
                  "K", "能力", driver="none", mu=0.95, sd=0.4, hi=30),
    "拍照上传及时率": card("拜访结束后2小时内上传门店陈列照片的拜访次数占全部拜访次数的比例",
                    "2小时内上传照片的拜访次数÷拜访总次数×100%", H, "移动访销系统", "月度",
                    "销售运营专员", 95, "≥{t}%", "I", "过程", **GAP),
    "新开经销商数": card("考核期内签订经销协议并完成首单进货的新经销商数量", "新开经销商计数", H,
                   "DMS经销商管理系统", "季度", "渠道管理专员", 3, "≥{t}家/季度", "B", "结果",
                   driver="push", mu=0.98, sd=0.3, beta=0.25, **COUNT),
    "首单进货额": card("新开经销商首单进货金额合计(含税)", "∑新经销商首单进货金额", H, "ERP系统",
                  "季度", "渠道管理专员", 60, "≥{t}万元/季度", "B", "结果",
                  driver="push", mu=0.98, sd=0.2, beta=0.2),
    "空白乡镇开发数": card("考核期内实现首次铺货的空白乡镇数量", "首次铺货乡镇计数", H,
                    "移动访销系统", "季度", "渠道管理专员", 6, "≥{t}个/季度", "I", "过程",
                    sd=0.25, **COUNT),
    "开户资料完整率": card("新开经销商开户资料(营业执照、食品经营许可证、授权书)齐全的比例",
                    "资料齐全户数÷新开户数×100%", H, "DMS经销商管理系统", "季度",
                    "渠道管理专员", 100, "{t}%", "I", "过程", mu=0.97, sd=0.04, **PCT),
    "订单录入及时率": card("经销商订单在收到后4小时内录入ERP系统的比例",
                    "4小时内录入订单数÷收到订单数×100%", H, "ERP系统", "月度", "销售运营专员",
                    98, "≥{t}%", "I", "过程", **GAP),
    "日报提交及时率": card("按规定时间提交销售日报的天数占应提交天数的比例",
                    "按时提交天数÷应提交天数×100%", H, "OA系统", "月度", "销售运营专员",
                    98, "≥{t}%", "I", "过程", **GAP),
    # ---- 重点客户部(KA)
    "销售额达成率": card("考核期内KA系统订单的含税销售额占销售额目标的比例",
                   "KA含税销售额÷销售额目标×100%", H, "ERP系统", "季度", "KA运营专员",
                   100, "{t}%", "B", "结果",
                   driver="push", mu=0.98, sd=0.07, beta=0.1, lo=40, hi=180),
    "KA渠道毛利率": card("KA渠道销售额扣除销售成本和KA渠道费用后的毛利占销售额的比例",
                     "(KA销售额−销售成本−KA渠道费用)÷KA销售额×100%", H, "财务系统", "季度",
                     "财务经理", 25, "≥{t}%", "B", "结果", driver="none", mu=0.98, sd=0.06,
                     hi=60),
    "KA费用率": card("进场费、条码费、堆头费和店内促销费等KA渠道费用占KA销售额的比例",
                  "KA渠道费用÷KA销售额×100%", L, "财务系统", "季度", "财务经理", 18,
                  "≤{t}%", "I", "过程", **FLAT),
    "新品进场数": card("考核期内在负责的KA系统新进场的新品数(按系统×SKU计)", "新进场系统SKU计数",
                  H, "KA系统台账", "季度", "KA运营专员", 12, "≥{t}个/季度", "B", "结果",
                  driver="push", sd=0.2, beta=0.15, **COUNT),
    "堆头端架数量": card("考核期内在KA门店落地的堆头、端架等特殊陈列位数量", "特殊陈列位计数", H,
                   "陈列巡检系统", "季度", "KA运营专员", 40, "≥{t}个/季度", "I", "过程",
                   driver="push", sd=0.12, beta=0.08, **COUNT),
    "促销活动场次": card("考核期内在门店执行的店内促销与试吃活动场次", "执行活动场次计数", H,
                   "费用管理系统", "季度", "市场运营专员", 20, "≥{t}场/季度", "I", "过程",
                   mu=1.03, sd=0.12, **COUNT),
    "陈列达标率": card("巡店检查中陈列位置、排面数和价签均达标的门店占检查门店的比例",
                  "陈列达标门店数÷检查门店数×100%", H, "陈列巡检系统", "月度", "KA运营专员",
                  85, "≥{t}%", "I", "过程", sd=0.05, **PCT),
    "门店巡店数": card("考核期内在陈列巡检系统签到的巡店次数", "∑巡店签到次数", H, "陈列巡检系统",
                  "季度", "KA运营专员", 600, "≥{t}店次/季度", "I", "过程",
                  mu=1.04, sd=0.07, **COUNT),
    "促销员出勤率": card("促销员按排班准时到岗的班次占排班班次的比例",
                   "准时到岗班次÷排班班次×100%", H, "促销员排班表", "月度", "KA运营专员",
                   98, "≥{t}%", "I", "过程", **GAP),
    "缺货率": card("巡店检查时主销SKU货架缺货的门店SKU数占检查门店SKU数的比例",
                "货架缺货门店SKU数÷检查门店SKU数×100%", L, "陈列巡检系统", "月度",
                "KA运营专员", 5, "≤{t}%", "C", "结果",
                driver="care", sd=0.2, beta=0.15, lo=0.5, hi=30),
    "线上销售额达成率": card("考核期内电商平台旗舰店与平台自营渠道的销售额占目标的比例",
                     "线上销售额÷线上销售额目标×100%", H, "电商平台后台", "季度",
                     "电商运营专员", 100, "{t}%", "B", "结果",
                     driver="push", mu=0.97, sd=0.08, beta=0.1, lo=40, hi=180),
    "平台活动报名数": card("考核期内报名并获批参加的电商平台大促与频道活动数量", "获批活动计数",
                    H, "电商平台后台", "季度", "电商运营专员", 8, "≥{t}个/季度", "I", "过程",
                    sd=0.2, **COUNT),
    "推广费用率": card("电商站内推广与达人带货费用占线上销售额的比例",
                  "推广费用÷线上销售额×100%", L, "财务系统", "季度", "财务经理", 12,
                  "≤{t}%", "I", "过程", **FLAT),
    "店铺评分(DSR)": card("电商平台店铺动态评分(描述相符、服务态度、物流服务三项平均，5分制)",
                       "三项动态评分的算术平均", H, "电商平台后台", "月度", "电商运营专员",
                       4.8, "≥{t}分", "C", "结果",
                       model="gap", driver="care", mu=0.9, sd=0.25, beta=0.3, hi=5.0, dec=2),
    "订单履约及时率": card("线上订单在平台承诺时效内发货的比例",
                    "承诺时效内发货订单数÷订单总数×100%", H, "电商平台后台", "月度",
                    "电商运营专员", 95, "≥{t}%", "C", "过程",
                    model="gap", driver="care", mu=0.9, sd=0.3, beta=0.3, hi=100.0),
    # ---- 市场部
    "市场活动场次": card("考核期内举办的品牌推广与消费者互动活动场次", "活动场次计数", H,
                   "费用管理系统", "季度", "市场运营专员", 10, "≥{t}场/季度", "I", "过程",
                   mu=1.03, sd=0.15, **COUNT),
    "新品上市按时率": card("按上市计划日期完成首批铺货的新品数占计划上市新品数的比例",
                    "按时上市新品数÷计划上市新品数×100%", H, "项目管理台账", "季度",
                    "市场运营专员", 90, "≥{t}%", "I", "过程", **GAP),
    "市场费用预算执行率": card("市场费用实际发生额占批准预算的比例",
                      "实际市场费用÷市场费用预算×100%", L, "财务系统", "季度", "财务经理", 100,
                      "≤{t}%", "I", "过程", **FLAT),
    "社媒曝光量": card("官方账号内容与投放素材在社交媒体上的曝光次数", "∑曝光次数", H,
                  "社媒管理后台", "季度", "市场运营专员", 500, "≥{t}万次/季度", "I", "过程",
                  sd=0.15, dec=0),
    "促销费用预算执行率": card("促销费用实际发生额占批准预算的比例",
                      "实际促销费用÷促销费用预算×100%", L, "费用管理系统", "季度", "财务经理", 100,
                      "≤{t}%", "I", "过程", **FLAT),
    "活动方案按时提交率": card("在活动开始前15天提交审批的促销方案占全部方案的比例",
                      "按时提交方案数÷方案总数×100%", H, "OA系统", "季度", "市场运营专员",
                      95, "≥{t}%", "I", "过程", **GAP),
    "促销投入产出比": card("促销活动期间的增量销售额与促销费用之比", "活动增量销售额÷促销费用", H,
                    "费用管理系统、ERP系统", "季度", "市场运营专员", 3, "≥{t}", "B", "结果",
                    driver="none", sd=0.15, dec=2),
    "调研报告数": card("完成并在管理例会上汇报的市场与消费者调研报告份数", "报告计数", H, "OA系统",
                  "季度", "市场运营专员", 3, "≥{t}份/季度", "I", "过程", sd=0.2, **COUNT),
    "竞品信息上报条数": card("上报并经市场部确认有效的竞品价格与活动信息条数", "有效上报计数", H,
                     "移动访销系统", "季度", "市场运营专员", 30, "≥{t}条/季度", "I", "过程",
                     sd=0.15, **COUNT),
    "经销商满意度调研完成率": card("完成有效问卷的经销商占应调研经销商的比例",
                        "有效问卷经销商数÷应调研经销商数×100%", H, "满意度调研系统", "季度",
                        "市场运营专员", 90, "≥{t}%", "I", "过程", **GAP),
    # ---- 供应链物流部
    "订单满足率": card("经销商订单中按订单数量足额发货的订单行占全部订单行的比例",
                  "足额发货订单行÷订单总行数×100%", H, "ERP系统", "月度", "物流主管", 95,
                  "≥{t}%", "C", "结果", model="gap", driver="care", mu=1.0, sd=0.25,
                  beta=0.2, hi=100.0),
    "准时交付率": card("在承诺到货日期前送达经销商仓库并签收的订单占全部订单的比例",
                  "按时签收订单数÷配送订单总数×100%", H, "TMS运输管理系统", "月度", "物流主管",
                  95, "≥{t}%", "C", "结果", model="gap", driver="care", mu=1.05, sd=0.25,
                  beta=0.2, hi=100.0),
    "库存周转天数": card("平均库存与日均出库量之比", "平均库存箱数÷日均出库箱数", L,
                   "WMS仓储管理系统", "季度", "物流主管", 35, "≤{t}天", "I", "过程",
                   driver="none", mu=0.98, sd=0.08, dec=0),
    "物流费用率": card("仓储与运输费用占销售收入的比例", "物流费用÷销售收入×100%", L, "财务系统",
                  "季度", "财务经理", 4.5, "≤{t}%", "I", "过程", driver="none", mu=0.98,
                  sd=0.05, dec=2),
    "仓储费用预算执行率": card("仓储费用实际发生额占批准预算的比例",
                      "实际仓储费用÷仓储费用预算×100%", L, "财务系统", "季度", "财务经理", 100,
                      "≤{t}%", "I", "过程", **FLAT),
    "临期品占比": card("剩余保质期不足三分之一的库存箱数占总库存箱数的比例",
                  "临期库存箱数÷总库存箱数×100%", L, "WMS仓储管理系统", "月度", "物流主管", 3,
                  "≤{t}%", "I", "过程", mu=1.0, sd=0.2, beta=0.1, hi=20),
    "库存准确率": card("盘点中账实相符的库位SKU数占盘点库位SKU数的比例",
                  "账实相符库位SKU数÷盘点库位SKU数×100%", H, "WMS仓储管理系统", "月度",
                  "仓储主管", 99, "≥{t}%", "I", "过程", model="gap", mu=0.9, sd=0.3,
                  beta=0.2, hi=100.0, dec=2),
    "安全事故次数": card("仓储与配送环节发生的人员伤害、车辆事故和食品安全事故次数；"
                   "发生重大事故一票否决",
                   "经安全委员会认定的事故计数", L, "安全管理台账", "季度", "安全专员", 0,
                   "{t}次", "R", "过程", model="poisson", mu=0.05, beta=0.3, dec=0),
    "预测准确率": card("按SKU加权的月度需求预测准确率", "1−∑|实际销量−预测销量|÷∑实际销量", H,
                  "ERP系统", "月度", "计划主管", 75, "≥{t}%", "I", "过程", sd=0.06, **PCT),
    "订单处理及时率": card("收到经销商订单后24小时内完成审单和配货安排的比例",
                    "24小时内处理订单数÷订单总数×100%", H, "ERP系统", "月度", "计划主管",
                    95, "≥{t}%", "I", "过程", **GAP),
    "发货差错率": card("错发、漏发的订单行占发货订单行的比例", "差错订单行÷发货订单行×100%", L,
                  "WMS仓储管理系统", "月度", "仓储主管", 0.3, "≤{t}%", "R", "过程",
                  sd=0.3, beta=0.1, lo=0.0, hi=3.0, dec=2),
    "车辆装载率": card("配送车辆实际装载体积占额定容积的比例", "实际装载体积÷额定容积×100%", H,
                  "TMS运输管理系统", "月度", "物流主管", 85, "≥{t}%", "I", "过程",
                  mu=1.01, sd=0.05, **PCT),
    "单箱配送成本": card("配送费用与配送箱数之比", "配送费用÷配送箱数", L,
                   "TMS运输管理系统、财务系统", "季度", "物流主管", 2.8, "≤{t}元/箱", "I", "过程",
                   driver="none", mu=0.98, sd=0.06, dec=2),
    "配送差错次数": card("配送中错送、漏送和货损被经销商在签收单上记录的次数", "签收异常记录计数",
                   L, "TMS运输管理系统", "季度", "物流主管", 3, "≤{t}次/季度", "I", "过程",
                   model="poisson", driver="care", mu=2.5, beta=0.2, dec=0),
    # ---- 财务部
    "应收账款周转天数": card("平均应收账款余额与日均营业收入之比",
                     "平均应收账款余额÷(营业收入÷考核期天数)", L, "财务系统", "季度",
                     "财务经理", 45, "≤{t}天", "B", "结果", sd=0.1, dec=0),
    "逾期应收占比": card("超过信用期未收回的应收账款占应收账款余额的比例",
                   "逾期应收账款÷应收账款余额×100%", L, "财务系统", "季度", "财务经理", 8,
                   "≤{t}%", "B", "结果", sd=0.2, beta=0.1),
    "信用额度审批及时率": card("经销商授信申请在3个工作日内完成审批的比例",
                      "3个工作日内审批件数÷申请件数×100%", H, "财务系统", "月度", "财务经理",
                      90, "≥{t}%", "I", "过程", **GAP),
    "对账差错次数": card("与经销商或内部对账中发现的差错次数", "对账差错计数", L, "财务系统",
                   "季度", "财务经理", 2, "≤{t}次/季度", "R", "过程",
                   model="poisson", mu=1.2, beta=0.3, dec=0),
    "费用核销单据审核量": card("考核期内完成审核的经销商促销与陈列费用核销单据数量", "审核单据计数",
                      H, "费用管理系统", "季度", "财务经理", 1800, "≥{t}单/季度", "I", "过程",
                      mu=1.03, sd=0.08, **COUNT),
    "不合规费用拦截金额": card("审核中发现并拒付的不合规费用金额", "∑拒付金额", H, "费用管理系统",
                      "季度", "财务经理", 20, "≥{t}万元/季度", "I", "过程", sd=0.2),
    "核销差错次数": card("审核完成后被复核发现的核销差错次数", "复核差错计数", L, "费用管理系统",
                   "季度", "财务经理", 2, "≤{t}次/季度", "R", "过程",
                   model="poisson", mu=1.1, beta=0.3, dec=0),
    "报表提交及时率": card("按规定日期提交费用分析报表的比例", "按时提交报表数÷应提交报表数×100%",
                    H, "OA系统", "月度", "财务经理", 98, "≥{t}%", "I", "过程", **GAP),
    # ---- 人力资源部
    "招聘及时率": card("在用人部门要求的到岗日期前入职的岗位数占招聘需求岗位数的比例",
                  "按期到岗岗位数÷招聘需求岗位数×100%", H, "HR系统", "季度", "招聘主管",
                  85, "≥{t}%", "I", "过程", mu=0.97, sd=0.08, **PCT),
    "人工成本预算执行率": card("实际人工成本占人工成本预算的比例", "实际人工成本÷人工成本预算×100%",
                      L, "财务系统", "季度", "财务经理", 100, "≤{t}%", "I", "过程", **FLAT),
    "培训人次": card("参加公司内部培训的累计人次", "∑各场培训实际参训人数", H, "HR系统", "季度",
                 "HRBP", 120, "≥{t}人次/季度", "K", "能力", sd=0.12, **COUNT),
    "员工满意度": card("敬业度调研中员工满意度维度的得分(百分制)", "满意度维度题目得分平均值", H,
                  "敬业度调研", "季度", "HRBP", 80, "≥{t}分", "K", "能力",
                  driver="none", mu=0.97, sd=0.04, **PCT),
    "招聘完成数": card("考核期内完成入职的人数", "入职人数计数", H, "HR系统", "季度", "HRBP", 15,
                  "≥{t}人/季度", "I", "过程", sd=0.15, **COUNT),
    "培训满意度": card("学员对内部培训课程评价为“满意”及以上的比例",
                  "满意及以上评价数÷有效评价数×100%", H, "HR系统", "季度", "HRBP", 90,
                  "≥{t}%", "C", "结果", **GAP),
}

# Same indicator name, different definition in another department (defect h, METHOD §2.4).
VARIANTS: dict[tuple[str, str], synth.Card] = {
    ("缺货率", SUPPLY): card(
        "仓库可用库存为零的SKU数占在售SKU总数的比例(按日平均)",
        "∑每日零库存SKU数÷∑每日在售SKU数×100%", L, "WMS仓储管理系统", "月度", "计划主管",
        3, "≤{t}%", "I", "过程", driver="none", sd=0.25, lo=0.0, hi=20),
    ("促销执行完整度", MARKETING): card(
        "促销方案中按计划时间和预算执行的活动项占全部活动项的比例",
        "按计划执行活动项÷活动项总数×100%", H, "费用管理系统", "季度", "市场运营专员",
        95, "≥{t}%", "I", "过程", **GAP),
    ("人员流失率", CHANNEL): card(
        "考核期内团队离职人数(含试用期离职和辞退)占期初人数的比例",
        "离职人数÷期初人数×100%", L, "移动访销系统账号台账", "季度", "销售运营专员", 8,
        "≤{t}%", "K", "能力", driver="none", mu=0.95, sd=0.4, hi=40),
}

# Current scorecards: (department, position, [(indicator, weight in %[, position target])]).
POSITIONS = [
    (CHANNEL, "渠道销售总监", [("销量达成率", 30), ("回款达成率", 20), ("铺货率", 15),
                          ("销售费用率", 15), ("新品销量占比", 10), ("人员流失率", 5),
                          ("经销商满意度", 5)]),
    (CHANNEL, "大区经理", [("销量达成率", 35), ("回款达成率", 20), ("铺货率", 15),
                       ("终端动销率", 10), ("销售费用率", 10), ("拜访计划完成率", 10)]),
    (CHANNEL, "渠道经理", [("销量达成率", 35), ("回款达成率", 20), ("新品进货量", 15),
                       ("铺货数量", 10), ("拜访家数", 10), ("促销执行完整度", 5),
                       ("经销商库存天数", 5)]),
    (CHANNEL, "业务代表", [("拜访家数", 30, 1600), ("铺货数量", 25, 220), ("销量达成率", 25),
                       ("新品进货量", 10, 120), ("拍照上传及时率", 10)]),
    (CHANNEL, "渠道拓展专员", [("新开经销商数", 40), ("首单进货额", 35), ("空白乡镇开发数", 15),
                          ("开户资料完整率", 10)]),
    (CHANNEL, "销售内勤", [("订单录入及时率", 65), ("日报提交及时率", 35)]),
    (KA, "KA总监", [("销售额达成率", 30), ("KA渠道毛利率", 20), ("回款达成率", 15),
                  ("KA费用率", 15), ("新品进场数", 10, 100), ("陈列达标率", 10)]),
    (KA, "KA经理", [("销售额达成率", 40), ("新品进场数", 20), ("堆头端架数量", 20),
                  ("促销活动场次", 15)]),
    (KA, "陈列督导", [("门店巡店数", 30), ("陈列达标率", 25), ("拍照上传及时率", 15),
                  ("促销员出勤率", 15), ("缺货率", 15)]),
    (KA, "新零售客户经理", [("线上销售额达成率", 35), ("平台活动报名数", 20), ("推广费用率", 15),
                     ("店铺评分(DSR)", 15), ("订单履约及时率", 15)]),
    (MARKETING, "品牌经理", [("市场活动场次", 30), ("新品上市按时率", 25),
                         ("市场费用预算执行率", 20), ("社媒曝光量", 15), ("新品销量占比", 10)]),
    (MARKETING, "促销活动经理", [("促销活动场次", 30, 60), ("促销费用预算执行率", 25),
                           ("活动方案按时提交率", 20), ("促销执行完整度", 15),
                           ("促销投入产出比", 10)]),
    (MARKETING, "市场调研专员", [("调研报告数", 40), ("竞品信息上报条数", 35),
                           ("经销商满意度调研完成率", 25)]),
    (SUPPLY, "供应链经理", [("订单满足率", 15), ("准时交付率", 15), ("库存周转天数", 15),
                        ("物流费用率", 15), ("仓储费用预算执行率", 10), ("人员流失率", 10),
                        ("临期品占比", 10), ("库存准确率", 5), ("安全事故次数", 5)]),
    (SUPPLY, "订单计划员", [("预测准确率", 30), ("订单处理及时率", 25), ("库存周转天数", 25),
                        ("缺货率", 20)]),
    (SUPPLY, "仓储主管", [("库存准确率", 30), ("发货差错率", 25), ("仓储费用预算执行率", 25),
                      ("临期品占比", 20)]),
    (SUPPLY, "配送调度员", [("车辆装载率", 35), ("单箱配送成本", 30), ("准时交付率", 20),
                        ("配送差错次数", 10), ("安全事故次数", 5)]),
    (FINANCE, "信用与应收会计", [("应收账款周转天数", 30), ("逾期应收占比", 30),
                          ("信用额度审批及时率", 20), ("对账差错次数", 20)]),
    (FINANCE, "费用核销专员", [("费用核销单据审核量", 35), ("不合规费用拦截金额", 30),
                          ("核销差错次数", 25), ("报表提交及时率", 10)]),
    (HR, "HRBP", [("招聘及时率", 25), ("人员流失率", 25), ("人工成本预算执行率", 25),
                  ("培训人次", 20), ("员工满意度", 15)]),
    (HR, "招聘培训专员", [("招聘完成数", 35), ("培训人次", 35, 150), ("培训满意度", 30)]),
]

# Incomplete indicator cards (defect f): these fields are left empty.
INCOMPLETE = {
    ("渠道拓展专员", "空白乡镇开发数"): ["指标定义", "计算公式", "数据责任人"],
    ("渠道拓展专员", "开户资料完整率"): ["数据来源", "数据责任人"],
    ("KA经理", "堆头端架数量"): ["计算公式", "数据责任人"],
    ("陈列督导", "促销员出勤率"): ["数据来源", "考核周期"],
    ("品牌经理", "社媒曝光量"): ["数据责任人"],
    ("费用核销专员", "不合规费用拦截金额"): ["计算公式", "数据来源", "数据责任人"],
    ("HRBP", "员工满意度"): ["计算公式", "数据来源"],
}

REGIONS = ["华东大区", "华中大区", "华南大区", "西南大区"]
# Head count per position and the teams they sit in (filled round-robin).
STAFFING = {
    "渠道销售总监": (1, ["销售管理组"]),
    "大区经理": (4, REGIONS),
    "渠道经理": (18, REGIONS),
    "业务代表": (34, REGIONS),
    "渠道拓展专员": (4, ["渠道拓展组"]),
    "销售内勤": (3, ["销售内勤组"]),
    "KA总监": (1, ["KA管理组"]),
    "KA经理": (10, ["全国连锁组", "区域连锁组"]),
    "陈列督导": (8, ["全国连锁组", "区域连锁组"]),
    "新零售客户经理": (2, ["新零售组"]),
    "品牌经理": (2, ["品牌组"]),
    "促销活动经理": (2, ["渠道营销组"]),
    "市场调研专员": (1, ["渠道营销组"]),
    "供应链经理": (1, ["供应链管理组"]),
    "订单计划员": (3, ["计划组"]),
    "仓储主管": (2, ["中心仓", "西南分仓"]),
    "配送调度员": (5, ["配送组"]),
    "信用与应收会计": (2, ["应收组"]),
    "费用核销专员": (3, ["费用核销组"]),
    "HRBP": (2, ["人力资源组"]),
    "招聘培训专员": (2, ["人力资源组"]),
}
# Team-level positions: their traits are the mean of the staff they lead (their own team
# for 大区经理, the whole department otherwise), since their indicators are team totals.
TEAM_LEADS = {"渠道销售总监": "department", "大区经理": "team", "KA总监": "department",
              "供应链经理": "department"}

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
            "蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹")
GIVEN_CHARS = ("安宁远泽清和明朗思源雨辰嘉禾书瑶若溪亦舒可心景行诺沐阳星河子衿南乔"
               "知秋映雪川语桐望听澜向晚")
# Safety net: generated names must not coincide with well-known people.
FAMOUS = {"王俊凯", "赵丽颖", "刘诗诗", "周杰伦", "马化腾", "李彦宏", "刘强东", "张一鸣",
          "黄晓明", "王一博", "朱一龙", "李宇春", "张子枫", "刘昊然", "吴宇森", "宋雨琦",
          "李沐阳", "张若溪", "王安宁", "杨紫", "陈晴川"}

# Dealer care drifts down in 渠道销售部 (quarter-end pushing gets harder every quarter)
# while its sell-in indicators are boosted: "KPI green, customer red".
CARE_TREND = {CHANNEL: -0.4, KA: 0.05}
KPI_BOOST = {CHANNEL: [0.04, 0.07, 0.10, 0.13]}
TOP_SHARE, PUSHERS = 1 / 3, 4  # top third of 渠道经理 by sell-in; four of them push stock
SIM = synth.Simulation(PERIODS, CARE_TREND, KPI_BOOST, boosted_groups="BIKR")

JOURNEY_COLUMNS = ["旅程阶段", "触点", "客户在意的点", "重要性", "当前表现",
                   "R(负责)", "A(批准)", "C(咨询)", "I(知会)", "关联指标"]
RACI_COLUMNS = {"R": "R(负责)", "A": "A(批准)", "C": "C(咨询)", "I": "I(知会)"}
JOURNEY = [
    ("认知", "品牌与新品信息触达", "知道新品卖点和目标人群，拿得到样品和宣传物料", 3, 3,
     MARKETING, CHANNEL, KA, SUPPLY, "市场活动场次、社媒曝光量"),
    ("认知", "招商洽谈与合作政策说明", "利润空间、区域保护和返利政策一次讲清楚", 4, 3,
     CHANNEL, MARKETING, FINANCE, SUPPLY, "新开经销商数、首单进货额"),
    ("购买决策", "开户与信用额度审批", "开户手续简单，授信额度当周批下来", 4, 2,
     FINANCE, CHANNEL, "", SUPPLY, "信用额度审批及时率、开户资料完整率"),
    ("购买决策", "年度合同与任务量谈判", "任务量贴合区域实际容量，不被层层加码", 5, 2,
     CHANNEL, f"{FINANCE}、{MARKETING}", SUPPLY, HR, "销量达成率"),
    ("下单", "订货下单与订单确认", "下单方便，当天确认能否足量供货", 4, 3,
     CHANNEL, SUPPLY, "", FINANCE, "订单录入及时率、订单处理及时率"),
    ("下单", "进货建议与安全库存", "进货量跟着终端动销走，季末不被压货", 5, 1,
     CHANNEL, SUPPLY, FINANCE, MARKETING, ""),
    ("交付", "订单配送到货", "按承诺日期到货，品项数量不出错", 5, 3,
     SUPPLY, CHANNEL, "", FINANCE, "准时交付率、车辆装载率"),
    ("交付", "畅销品断货补货", "畅销品不断货，断货时提前告知到货时间", 5, 2,
     SUPPLY, CHANNEL, KA, MARKETING, "订单满足率、缺货率"),
    ("交付", "临期与破损产品退换", "临期、破损产品及时退换，不扯皮", 4, 2,
     SUPPLY, CHANNEL, f"{FINANCE}、{MARKETING}", KA, "临期品占比"),
    ("铺货与动销", "终端铺货与上架", "新品和主销品进到店里并摆上货架", 4, 3,
     CHANNEL, MARKETING, KA, "", "铺货数量、铺货率"),
    ("铺货与动销", "KA新品进场", "进场费用合理，新品进场后有人跟进动销", 4, 2,
     KA, MARKETING, f"{CHANNEL}、{SUPPLY}、{FINANCE}、{HR}", "", "新品进场数"),
    ("铺货与动销", "门店陈列与生动化", "陈列位置好，价签和物料齐全", 3, 3,
     KA, MARKETING, CHANNEL, "", "陈列达标率、门店巡店数"),
    ("铺货与动销", "促销活动执行", "活动方案落地到店，赠品和物料按时到位", 4, 3,
     MARKETING, CHANNEL, SUPPLY, FINANCE, "促销活动场次、促销执行完整度"),
    ("铺货与动销", "终端动销辅导", "货在店里卖得动，经销商资金不被压在库存上", 5, 2,
     f"{CHANNEL}、{KA}", MARKETING, SUPPLY, FINANCE, "终端动销率"),
    ("铺货与动销", "市场价格秩序与窜货管控", "价格稳定，不被外区窜货冲击", 4, 2,
     "", CHANNEL, f"{MARKETING}、{FINANCE}", KA, ""),
    ("服务", "费用核销与返利兑付", "促销费用和返利按时兑现，核销标准清楚", 5, 1,
     FINANCE, MARKETING, CHANNEL, "", ""),
    ("服务", "对账与开票", "对账单看得懂，差异当月说清", 3, 3,
     FINANCE, CHANNEL, CHANNEL, "", "对账差错次数"),
    ("服务", "生意回顾与经营辅导", "业务员定期帮我算账，告诉我哪些品赚钱", 4, 2,
     CHANNEL, MARKETING, FINANCE, "", "拜访家数"),
    ("服务", "问题反馈与投诉处理", "反馈的问题有人跟进、有结果", 4, 2,
     CHANNEL, MARKETING, SUPPLY, "", ""),
    ("续约/流失", "年度续约与区域调整", "调整区域或任务前提前沟通，不被突然换户", 5, 3,
     CHANNEL, MARKETING, FINANCE, HR, "经销商满意度"),
]

# (respondent, role, answers to the four questions in synth.SURVEY_QUESTIONS order)
SURVEY = [
    ("Q01", "渠道销售总监", "高低低低"),
    ("Q02", "大区经理(华东)", "高中低低"),
    ("Q03", "大区经理(西南)", "中低中高"),
    ("Q04", "渠道经理(华中)", "中低中高"),
    ("Q05", "KA总监", "中中中中"),
    ("Q06", "品牌经理", "高低中中"),
    ("Q07", "供应链经理", "低低高高"),
    ("Q08", "仓储主管(中心仓)", "中低高中"),
    ("Q09", "财务经理", "低低高中"),
    ("Q10", "费用核销主管", "中低高高"),
    ("Q11", "HRBP", "中低中中"),
]

ENGAGEMENT = {
    "client": "晴田食品(合成示例)",
    "client_en": "Qingtian Foods (synthetic sample)",
    "synthetic": True,
    "language": "zh",
    "industry": "fmcg",
    "business_model": "distribution",
    "stage": "growth",
    "market": "stock",
    "competition": "high",
    "product_homogeneity": "high",
    "compliance_level": "normal",
    "process_maturity": "medium",
    "employees": None,  # filled with the number of rows of the 员工 sheet
    "value_propositions": ["stable_delivery", "price"],
    "strategy_goals": ["2027年经销商满意度由74分提升至82分",
                       "经销商平均库存天数控制在30天以内，杜绝季末压货",
                       "主销品终端动销率提升至85%，订单满足率稳定在97%以上"],
    "segments": ["城市经销商", "县乡分销商", "全国性KA系统", "区域连锁超市"],
    "customer_facing_units": CUSTOMER_FACING,
    "policy": "default",
    "report": synth.SAMPLE_REPORT,
}
ENGAGEMENT_HEADER = ("# SYNTHETIC SAMPLE DATA — 合成示例数据：晴田食品为虚构的快消食品经销企业，"
                     "所有数据均为生成，不代表任何真实企业或个人。\n"
                     "# Written by generate.py; edit the script, not this file.\n")

# English names of the client's own terms, written to the 术语表 sheet (table glossary):
# English reports of this Chinese engagement show them instead of the Chinese (the client
# name stays out: see client_en). Indicator names the KPI library already names are left to
# the library, except where the library card's name would misstate the client's indicator
# (marked "not the card"). 经销商 is "distributor", as in the library.
GLOSSARY_EN: dict[str, str] = {
    # departments
    CHANNEL: "Channel Sales",
    KA: "Key Accounts (KA)",
    MARKETING: "Marketing",
    SUPPLY: "Supply Chain and Logistics",
    FINANCE: "Finance",
    HR: "Human Resources",
    # positions (and survey roles)
    "渠道销售总监": "Channel Sales Director",
    "大区经理": "Regional Manager",
    "大区经理(华东)": "Regional Manager (East China)",
    "大区经理(西南)": "Regional Manager (Southwest China)",
    "渠道经理": "Channel Manager",
    "渠道经理(华中)": "Channel Manager (Central China)",
    "业务代表": "Sales Representative",
    "渠道拓展专员": "Channel Development Specialist",
    "销售内勤": "Sales Administrator",
    "KA总监": "KA Director",
    "KA经理": "KA Manager",
    "陈列督导": "Display Inspector",
    "新零售客户经理": "New Retail Account Manager",
    "品牌经理": "Brand Manager",
    "促销活动经理": "Promotion Campaign Manager",
    "市场调研专员": "Market Research Specialist",
    "供应链经理": "Supply Chain Manager",
    "订单计划员": "Order Planner",
    "仓储主管": "Warehouse Supervisor",
    "仓储主管(中心仓)": "Warehouse Supervisor (Central Warehouse)",
    "配送调度员": "Delivery Dispatcher",
    "信用与应收会计": "Credit and Accounts Receivable Accountant",
    "财务经理": "Finance Manager",
    "费用核销专员": "Trade Spend Settlement Specialist",
    "费用核销主管": "Trade Spend Settlement Supervisor",
    "招聘培训专员": "Recruitment and Training Specialist",
    # teams, regions and warehouses
    "销售管理组": "Sales Leadership Team",
    "华东大区": "East China Region",
    "华中大区": "Central China Region",
    "华南大区": "South China Region",
    "西南大区": "Southwest China Region",
    "渠道拓展组": "Channel Development Team",
    "销售内勤组": "Sales Administration Team",
    "KA管理组": "KA Leadership Team",
    "全国连锁组": "National Chains Team",
    "区域连锁组": "Regional Chains Team",
    "新零售组": "New Retail Team",
    "品牌组": "Brand Team",
    "渠道营销组": "Channel Marketing Team",
    "供应链管理组": "Supply Chain Leadership Team",
    "计划组": "Planning Team",
    "中心仓": "Central Warehouse",
    "西南分仓": "Southwest China Branch Warehouse",
    "配送组": "Delivery Team",
    "应收组": "Accounts Receivable Team",
    "费用核销组": "Trade Spend Settlement Team",
    "人力资源组": "Human Resources Team",
    # indicators the library does not name
    "销量达成率": "Sales volume attainment",
    "新品销量占比": "New product volume share",
    "新品进货量": "New product sell-in volume",
    "铺货数量": "Outlets stocked",
    "拜访家数": "Store and distributor visits",
    "拍照上传及时率": "On-time photo upload rate",
    "新开经销商数": "New distributors signed",
    "首单进货额": "First-order sell-in value",
    "空白乡镇开发数": "New townships covered",
    "开户资料完整率": "Account-opening document completeness",
    "订单录入及时率": "On-time order entry rate",
    "日报提交及时率": "On-time daily report submission rate",
    "KA渠道毛利率": "KA channel gross margin",
    "KA费用率": "KA expense ratio",
    "新品进场数": "New product listings",
    "堆头端架数量": "Floor stacks and end caps",
    "促销活动场次": "Promotion campaigns run",
    "门店巡店数": "Store inspection visits",
    "促销员出勤率": "Promoter attendance rate",
    "线上销售额达成率": "Online sales revenue attainment",
    "平台活动报名数": "Platform campaign entries",
    "推广费用率": "Online promotion expense ratio",
    "店铺评分(DSR)": "Online store rating (DSR)",
    "订单履约及时率": "On-time order fulfilment rate",
    "新品上市按时率": "On-time new product launch rate",
    "市场费用预算执行率": "Marketing expense budget execution rate",
    "社媒曝光量": "Social media impressions",
    "促销费用预算执行率": "Promotion expense budget execution rate",
    "活动方案按时提交率": "On-time campaign plan submission rate",
    "促销投入产出比": "Promotion return on investment",
    "调研报告数": "Research reports",
    "竞品信息上报条数": "Competitor information reports",
    "经销商满意度调研完成率": "Distributor satisfaction survey completion rate",
    "库存周转天数": "Days of inventory",
    "仓储费用预算执行率": "Warehousing expense budget execution rate",
    "临期品占比": "Near-expiry stock share",
    "安全事故次数": "Safety incidents",
    "订单处理及时率": "On-time order processing rate",
    "发货差错率": "Shipping error rate",
    "车辆装载率": "Vehicle load rate",
    "单箱配送成本": "Delivery cost per case",
    "配送差错次数": "Delivery errors",
    "信用额度审批及时率": "On-time credit limit approval rate",
    "对账差错次数": "Reconciliation errors",
    "费用核销单据审核量": "Trade spend claims reviewed",
    "不合规费用拦截金额": "Non-compliant spend blocked",
    "核销差错次数": "Settlement errors",
    "报表提交及时率": "On-time report submission rate",
    "人工成本预算执行率": "Labour cost budget execution rate",
    "招聘完成数": "Hires completed",
    "培训满意度": "Training satisfaction",
    # matched to a library card whose name would misstate the client's indicator (not the card)
    "终端动销率": "Outlet sell-through rate",
    "缺货率": "Stock-out rate",
    "员工满意度": "Employee satisfaction",
    # customer outcomes
    "经销商流失数": "Distributors lost",
    "KPI达成率": "KPI attainment",
    # journey stages
    "下单": "Ordering",
    "交付": "Delivery",
    "铺货与动销": "Distribution and sell-out",
    "服务": "Service",
    "续约/流失": "Renewal or churn",
    # touchpoints
    "品牌与新品信息触达": "Reach with brand and new product information",
    "招商洽谈与合作政策说明": "Distributor recruitment talks and partnership terms",
    "开户与信用额度审批": "Account opening and credit limit approval",
    "年度合同与任务量谈判": "Annual contract and sales quota negotiation",
    "订货下单与订单确认": "Ordering and order confirmation",
    "进货建议与安全库存": "Purchase recommendations and safety stock",
    "订单配送到货": "Order delivery",
    "畅销品断货补货": "Replenishing out-of-stock best-sellers",
    "临期与破损产品退换": "Returns of near-expiry and damaged products",
    "终端铺货与上架": "Outlet distribution and shelving",
    "KA新品进场": "New product listings at KA chains",
    "门店陈列与生动化": "In-store display and merchandising",
    "促销活动执行": "Promotion campaign execution",
    "终端动销辅导": "Outlet sell-out coaching",
    "市场价格秩序与窜货管控": "Market price discipline and cross-territory diversion control",
    "费用核销与返利兑付": "Trade spend settlement and rebate payment",
    "对账与开票": "Account reconciliation and invoicing",
    "生意回顾与经营辅导": "Business reviews and business coaching",
    "问题反馈与投诉处理": "Issue reporting and complaint handling",
    "年度续约与区域调整": "Annual renewal and territory changes",
    # what the distributor cares about
    "知道新品卖点和目标人群，拿得到样品和宣传物料":
        "Knowing the new products' selling points and target consumers, and getting samples "
        "and promotional materials",
    "利润空间、区域保护和返利政策一次讲清楚":
        "Margins, territory protection and rebate policy made clear in one go",
    "开户手续简单，授信额度当周批下来":
        "Simple account opening, with the credit limit approved within the week",
    "任务量贴合区域实际容量，不被层层加码":
        "A quota that fits the territory's real capacity, not inflated at every level",
    "下单方便，当天确认能否足量供货":
        "Easy ordering, with same-day confirmation of whether the order can be filled in full",
    "进货量跟着终端动销走，季末不被压货":
        "Purchases that follow outlet sell-out, with no stock pushed on us at quarter end",
    "按承诺日期到货，品项数量不出错":
        "Delivery on the promised date, with the right items and quantities",
    "畅销品不断货，断货时提前告知到货时间":
        "Best-sellers kept in stock, and advance notice of the arrival date when they run out",
    "临期、破损产品及时退换，不扯皮":
        "Near-expiry and damaged products exchanged promptly, without wrangling",
    "新品和主销品进到店里并摆上货架":
        "New and core products getting into stores and onto the shelves",
    "进场费用合理，新品进场后有人跟进动销":
        "Reasonable listing fees, and someone following up on sell-out once a new product is "
        "listed",
    "陈列位置好，价签和物料齐全": "Good display positions, with price tags and materials in place",
    "活动方案落地到店，赠品和物料按时到位":
        "Campaign plans carried out in store, with gifts and materials arriving on time",
    "货在店里卖得动，经销商资金不被压在库存上":
        "Products that sell in stores, so the distributor's cash is not tied up in inventory",
    "价格稳定，不被外区窜货冲击":
        "Stable prices, not undercut by goods diverted from other territories",
    "促销费用和返利按时兑现，核销标准清楚":
        "Promotion costs and rebates paid on time, with clear settlement rules",
    "对账单看得懂，差异当月说清":
        "Statements that are easy to understand, with differences explained within the month",
    "业务员定期帮我算账，告诉我哪些品赚钱":
        "A sales rep who regularly goes through the numbers with me and shows which products "
        "make money",
    "反馈的问题有人跟进、有结果": "Someone follows up on the issues I raise, and they get resolved",
    "调整区域或任务前提前沟通，不被突然换户":
        "Discussion before territories or quotas change, with no sudden reassignment of "
        "accounts",
    # segments and strategy goals
    "城市经销商": "Urban distributors",
    "县乡分销商": "County and township sub-distributors",
    "全国性KA系统": "National KA chains",
    "区域连锁超市": "Regional supermarket chains",
    "2027年经销商满意度由74分提升至82分":
        "Raise distributor satisfaction from 74 to 82 points by 2027.",
    "经销商平均库存天数控制在30天以内，杜绝季末压货":
        "Keep distributors' average days of inventory within 30 days and stop pushing stock "
        "on them at quarter end.",
    "主销品终端动销率提升至85%，订单满足率稳定在97%以上":
        "Raise the outlet sell-through rate of core products to 85% and keep the order fill "
        "rate steadily above 97%.",
}

NOTE_LINES = [
    "合成示例数据(SYNTHETIC SAMPLE DATA)",
    "晴田食品是一家虚构的快消食品经销企业。本工作簿中的公司、人员姓名、指标卡、问卷回答和数值"
    "全部由 generate.py 随机生成，仅用于演示和测试 Orient，不代表任何真实企业或个人。",
    "Qingtian Foods is a fictional FMCG food distributor. Every name, scorecard, answer and "
    "number in this workbook is generated by generate.py to demonstrate and test Orient; "
    "none of it describes a real company or person.",
    "",
    f"工作表：{'、'.join(SHEETS.values())}；本“说明”页不参与读取。",
    "“现行指标”的权重以Excel百分比格式保存(单元格值0.3，显示为30%)。",
    "实际值与目标值按季度填写；百分比类指标以百分点数值填写(95表示95%)。",
    "客户结果：渠道/KA经理及其上级的经销商满意度(百分制)、终端动销率(%)、经销商流失数(家)；"
    "部门行给出KPI达成率与部门经销商满意度。",
]


# ----------------------------------------------------------------------------- scorecards
def build_current_kpis(rows: list[dict]) -> pd.DataFrame:
    """Current scorecards as the client keeps them; 权重 as a fraction (Excel percent)."""
    return synth.current_kpis_table(rows, INCOMPLETE, weight_cell=lambda points: points / 100,
                                    blank=None)


# ------------------------------------------------------------------------------ employees
def build_employees(rng: np.random.Generator) -> pd.DataFrame:
    """Employees with id, department, position, team and a synthetic name."""
    staff = synth.staff_table(POSITIONS, STAFFING, "QT{:03d}")
    staff["姓名"] = synth.distinct_names(
        len(staff), lambda: synth.name_with_two_given_chars(rng, SURNAMES, GIVEN_CHARS), FAMOUS)
    return staff


# -------------------------------------------------------------------------------- actuals
def designate_pushers(rng: np.random.Generator, entries: list[dict],
                      traits: pd.DataFrame) -> tuple[list[str], list[str]]:
    """Make most of the top sell-in channel managers push stock onto their dealers.

    Ranks 渠道经理 by mean 销量达成率 over the year; picks PUSHERS of the top third and gives
    them a low dealer-care trait (high 经销商库存天数, poor satisfaction and sell-out); the
    other top sellers get a positive one; ``acct`` is pushed the same way so the pattern
    does not depend on luck. Returns (top sell-in managers, pushers).
    """
    sales = pd.DataFrame([e for e in entries
                          if e["指标名称"] == "销量达成率" and e["岗位"] == "渠道经理"])
    means = sales.groupby("工号")["实际值"].mean().sort_values(ascending=False)
    top = synth.top_of(means, TOP_SHARE)
    pushers = synth.pick_careless(rng, traits, top, top, size=PUSHERS, careless_care=-1.6,
                                  careless_acct=-0.3)
    return top, pushers


def as_number(value: float, dec: int) -> int | float:
    """A cell value: int for whole numbers, else a float rounded to ``dec`` decimals."""
    value = round(float(value), dec)
    return int(value) if value.is_integer() else value


def build_actuals(entries: list[dict]) -> pd.DataFrame:
    """The 实际值 sheet: 工号, 期间, 指标名称, 实际值, 目标值, 事件数 (as cell numbers)."""
    return synth.actuals_table(entries, ["安全事故次数"], actual_cell=as_number,
                               target_cell=lambda target: as_number(target, 2))


# ------------------------------------------------------------------------------- outcomes
def employee_outcomes(rng: np.random.Generator, employees: pd.DataFrame,
                      traits: pd.DataFrame, entries: list[dict]) -> pd.DataFrame:
    """Dealer outcomes of the channel and KA managers' portfolios per quarter.

    经销商满意度 and 终端动销率 follow dealer care modestly and the portfolio (``acct``)
    strongly, plus quarterly noise; 经销商流失数 is Poisson. Where the employee's card carries
    经销商满意度 / 终端动销率 the outcome equals the scorecard actual, so the sheets agree.
    """
    own = {(e["工号"], e["期间"], e["指标名称"]): e["实际值"] for e in entries}

    def outcomes_of(emp: str, period: str, care: float, acct: float) -> tuple:
        noise = rng.standard_normal(2)
        satisfaction = own.get((emp, period, "经销商满意度"), round(
            min(max(77 + 4.5 * care + 4 * acct + 2.5 * noise[0], 35), 98), 1))
        sell_out = own.get((emp, period, "终端动销率"), round(
            min(max(76 + 4 * care + 3.5 * acct + 2.5 * noise[1], 30), 98), 1))
        lost = int(rng.poisson(0.5 * math.exp(-0.45 * care - 0.3 * acct)))
        values = (as_number(v, 1) for v in (satisfaction, sell_out, lost))
        return tuple(zip(OUTCOME_METRICS, values, strict=True))

    staff = employees[employees["岗位"].isin(OUTCOME_POSITIONS)]
    return synth.outcome_rows(staff, traits, SIM, outcomes_of, no_unit=None)


def department_outcomes(entries: list[dict], per_employee: pd.DataFrame,
                        employees: pd.DataFrame) -> pd.DataFrame:
    """Department KPI达成率 (see :func:`_synth.department_kpi`) and 经销商满意度.

    经销商满意度 = mean of the department's employee values.
    """
    figures = {"KPI达成率": synth.department_kpi(entries),
               "经销商满意度": synth.department_mean(per_employee, employees, "经销商满意度")}
    return synth.department_rows((CHANNEL, KA), PERIODS, figures,
                                 lambda v: round(float(v), 1), no_id=None)


# ------------------------------------------------------------------------------- defects
SCORECARD_RULES = synth.ScorecardRules(
    where=SHEETS["current_kpis"], customer_facing=CUSTOMER_FACING,
    weight_text=lambda points: f"{points}%",
    sells=lambda department, position: department in (CHANNEL, KA),
    volume={"销量达成率", "销售额达成率", "新品进货量", "铺货数量", "新开经销商数",
            "首单进货额", "新品进场数", "线上销售额达成率"},
    balance={"回款达成率", "KA渠道毛利率", "终端动销率", "经销商库存天数", "经销商满意度"},
    volume_only_note="只有销量/进货/新客数量，无毛利、回款、动销或留存")


def find_defects(kpis: pd.DataFrame, rows: list[dict], journey: pd.DataFrame) -> list[tuple]:
    """Deliberate defects as (code, sheet, spreadsheet rows, note); header = row 1."""
    return (synth.scorecard_defects(kpis, rows, SCORECARD_RULES)
            + synth.journey_defects(journey, SHEETS["journey"], RACI_COLUMNS))


# ------------------------------------------------------------------------------- evidence
def pusher_evidence(actuals: pd.DataFrame, outcomes: pd.DataFrame, employees: pd.DataFrame,
                    top: list[str]) -> pd.DataFrame:
    """Yearly means per 渠道经理: sell-in, inventory days and the three dealer outcomes."""
    managers = employees.loc[employees["岗位"] == "渠道经理", "工号"]
    acts = actuals[actuals["工号"].isin(managers)]
    table = acts.pivot_table(index="工号", columns="指标名称", values="实际值", aggfunc="mean")
    outs = outcomes[outcomes["工号"].isin(managers)]
    means = outs.pivot_table(index="工号", columns="客户指标", values="数值", aggfunc="mean")
    lost = outs[outs["客户指标"] == "经销商流失数"].groupby("工号")["数值"].sum()
    frame = pd.DataFrame({"销量达成率": table["销量达成率"],
                          "经销商库存天数": table["经销商库存天数"],
                          "经销商满意度": means["经销商满意度"],
                          "终端动销率": means["终端动销率"],
                          "经销商流失数(全年)": lost})
    frame["top"] = frame.index.isin(top)
    return frame.sort_values("销量达成率", ascending=False)


def check_patterns(evidence: pd.DataFrame, outcomes: pd.DataFrame,
                   pushers: list[str]) -> None:
    """Fail loudly if a parameter change broke a pattern that README.md promises."""
    inventory_q3 = evidence["经销商库存天数"].quantile(0.75)
    for emp in pushers:
        row = evidence.loc[emp]
        if not row["top"]:
            raise AssertionError(f"{emp} is not a top sell-in channel manager")
        if not (row["经销商库存天数"] >= inventory_q3 and row["经销商库存天数"] > 30):
            raise AssertionError(f"{emp}: 经销商库存天数 {row['经销商库存天数']:.1f} not high")
        for metric in ("经销商满意度", "终端动销率"):
            if not row[metric] < evidence[metric].median():
                raise AssertionError(f"{emp}: {metric} is not in the bottom half")
    others = evidence.drop(index=pushers)["经销商流失数(全年)"].mean()
    if not evidence.loc[pushers, "经销商流失数(全年)"].mean() > others:
        raise AssertionError("pushers do not lose more dealers than the other managers")
    units = outcomes[outcomes["工号"].isna()]
    for dept, expected in ((CHANNEL, True), (KA, False)):
        rows = units[units["部门"] == dept]
        kpi = rows.loc[rows["客户指标"] == "KPI达成率", "数值"].to_numpy(dtype=float)
        sat = rows.loc[rows["客户指标"] == "经销商满意度", "数值"].to_numpy(dtype=float)
        green_red = synth.kpi_green_customer_red(kpi, sat)
        if green_red != expected:
            raise AssertionError(f"{dept}: 'KPI green, customer red' is {green_red}: {kpi}, {sat}")


# -------------------------------------------------------------------------------- writing
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
WIDTHS = {"部门": 14, "岗位": 14, "指标名称": 18, "权重": 8, "指标定义": 40, "计算公式": 30,
          "目标值": 14, "指标方向": 10, "数据来源": 22, "考核周期": 10, "数据责任人": 14,
          "角色": 18, "题目": 20, "旅程阶段": 12, "触点": 22, "客户在意的点": 40,
          "关联指标": 34, "团队": 12, "期间": 10, "客户指标": 14, "术语": 40, "英文名称": 60}


def cell_value(value):
    """A Python cell value: None for missing, plain int/float/str otherwise."""
    if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    return value


def add_sheet(book: openpyxl.Workbook, title: str, frame: pd.DataFrame) -> None:
    """One data sheet: bold header row, frozen, fixed widths; 权重 in percent format."""
    sheet = book.create_sheet(title)
    sheet.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        sheet.append([cell_value(v) for v in row])
    for index, column in enumerate(frame.columns, start=1):
        letter = get_column_letter(index)
        header = sheet.cell(row=1, column=index)
        header.font, header.fill = HEADER_FONT, HEADER_FILL
        sheet.column_dimensions[letter].width = WIDTHS.get(column, 12)
        if column == "权重":
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = "0%"
    sheet.freeze_panes = "A2"


def write_workbook(tables: dict[str, pd.DataFrame]) -> None:
    """Write inputs/workbook.xlsx byte-identically on every run."""
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "说明"
    for line in NOTE_LINES:
        notes.append([line])
    notes["A1"].font = Font(bold=True, size=14)
    notes.column_dimensions["A"].width = 120
    for cell in notes["A"]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for name, frame in tables.items():
        add_sheet(book, SHEETS[name], frame)
    book.properties.creator = "Orient sample generator (synthetic data)"
    book.properties.title = "晴田食品 合成示例输入 / Qingtian Foods synthetic sample inputs"
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    book.properties.lastModifiedBy = None
    buffer = io.BytesIO()
    # ExcelWriter directly: openpyxl's save_workbook() would stamp 'modified' with now().
    ExcelWriter(book, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    INPUTS.mkdir(parents=True, exist_ok=True)
    WORKBOOK.write_bytes(stable_zip(buffer.getvalue()))


def stable_zip(data: bytes) -> bytes:
    """Rewrite a zip archive with fixed entry times and attributes (byte-stable output)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=FIXED_TIME.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            target.writestr(info, source.read(item.filename))
    return out.getvalue()




DEFECT_LABELS = synth.defect_labels(
    weights_total=("(a) 岗位权重合计≠100%", "(a) weights of a position do not sum to 100 %"),
    single_weight=("(c) 单项权重>30%(含>60%)", "(c) single indicator weight > 30 % (incl. > 60 %)"),
    volume_only=("(g) 只考销量/进货/新客数量", "(g) volume / sell-in / new accounts only"))


def md_number(value: float, dec: int = 1) -> str:
    """A README number with ``dec`` decimals."""
    return f"{value:.{dec}f}"


def write_readme(tables: dict[str, pd.DataFrame], rows: list[dict], defects: list[tuple],
                 top: list[str], pushers: list[str], evidence: pd.DataFrame) -> None:
    """Write README.md (Chinese first, English after) with counts, defects and evidence."""
    counts = "\n".join(f"| {SHEETS[name]} | {name} | {len(frame)} |"
                       for name, frame in tables.items())
    employees = tables["employees"]
    heads = employees.groupby("岗位").size()
    positions = "\n".join(
        f"| {d} | {int((employees['部门'] == d).sum())} | "
        + "、".join(f"{p}({heads[p]})" for dd, p, _ in POSITIONS if dd == d) + " |"
        for d in DEPARTMENTS)

    defects_zh, defects_en = (
        synth.defect_table(defects, DEFECT_LABELS, lang, where_prefix="inputs/workbook.xlsx › ")
        for lang in (0, 1))
    share, sales_share = synth.weight_share(rows, "C"), synth.weight_share(rows, "B")
    names = employees.set_index("工号")["姓名"]
    ev = evidence.copy()
    med = ev.drop(columns="top").median()
    ev_lines = []
    for emp, r in ev[ev["top"]].iterrows():
        mark = "是 / yes" if emp in pushers else "否 / no"
        ev_lines.append(f"| {emp} | {mark} | {md_number(r['销量达成率'])} | "
                        f"{md_number(r['经销商库存天数'])} | {md_number(r['经销商满意度'])} | "
                        f"{md_number(r['终端动销率'])} | {int(r['经销商流失数(全年)'])} |")
    ev_lines.append(f"| 全部渠道经理中位数 / median of all 18 | | {md_number(med['销量达成率'])} | "
                    f"{md_number(med['经销商库存天数'])} | {md_number(med['经销商满意度'])} | "
                    f"{md_number(med['终端动销率'])} | {md_number(med['经销商流失数(全年)'])} |")
    ev_table = "\n".join(ev_lines)
    units = tables["outcomes"][tables["outcomes"]["工号"].isna()]
    unit_lines = []
    for dept in (CHANNEL, KA):
        for metric in ("KPI达成率", "经销商满意度"):
            values = units[(units["部门"] == dept) & (units["客户指标"] == metric)]["数值"]
            unit_lines.append(f"| {dept} | {metric} | "
                              + " | ".join(md_number(v) for v in values) + " |")
    unit_table = "\n".join(unit_lines)
    pushers_txt = "、".join(f"{e}({names[e]})" for e in pushers)
    top_txt = "、".join(top)
    pushers_en, top_en = ", ".join(pushers), ", ".join(top)
    journey = tables["journey"]
    gap = journey["重要性"] - journey["当前表现"]
    bare = journey[journey["关联指标"].eq("") & (gap < 3)]
    bare_txt = "、".join(f"{r.触点}(第{i + 2}行，{r.重要性}/{r.当前表现})"
                         for i, r in zip(bare.index, bare.itertuples(), strict=True))
    bare_en = ", ".join(f"{r.触点} (row {i + 2}, {r.重要性}/{r.当前表现})"
                        for i, r in zip(bare.index, bare.itertuples(), strict=True))
    text = f"""# 晴田食品 — 合成示例项目 (SYNTHETIC)

> **合成数据。** 晴田食品是一家虚构的快消食品经销企业；本目录中的公司、人员姓名、指标卡、
> 问卷回答和数值全部由 `generate.py` 随机生成，仅用于演示和测试 Orient，不代表任何真实企业或个人。

## 重新生成

```
python data_samples/qingtian_foods/generate.py
```

可在任意目录运行；依赖 numpy、pandas、openpyxl、pyyaml；随机种子 `{SEED}`，工作簿的创建/修改时间
和压缩包内的文件时间都固定，每次生成的文件逐字节相同。`engagement.yaml`、`README.md` 与
`inputs/workbook.xlsx` 均由脚本写出，请修改脚本而不是直接改文件。脚本会自检下文承诺的模式，
参数改动破坏模式时直接报错。

## 输入约定(与星云软件示例不同)

- 只有一个 `inputs/workbook.xlsx`，工作表用**中文表名**，表头为中文。
- “现行指标”的 `权重` 以 Excel 百分比格式保存：单元格值 0.3、数字格式 `0%`(显示为 30%)，
  整列同一写法；Orient 按小数比例读取(0.3 = 30%)。
- 另有一张“说明”工作表，标明数据为合成数据；Orient 读取时忽略该表。
- 实际值、目标值均为数值单元格，百分比类指标用百分点(95 表示 95%)。

## 工作表与行数(不含表头)

| 工作表 | 对应表 | 行数 |
|---|---|---|
{counts}

## 部门与岗位

| 部门 | 人数 | 岗位(人数) |
|---|---|---|
{positions}

面向客户的部门：{'、'.join(CUSTOMER_FACING)}。客户结果只覆盖直接经营经销商/KA客户关系的岗位：
{'、'.join(OUTCOME_POSITIONS)}(KA经理的“经销商”指为其KA系统供货的KA服务商)。

## 刻意设置的问题

行号按电子表格显示(表头为第1行)。(d)(e)(g) 按本示例自己的指标分类判定，
Orient 的自动分类可能略有差异。

| 问题 | 工作表 | 行 | 说明 |
|---|---|---|---|
{defects_zh}

其他刻意设置的模式：

- **重进货、轻动销**：渠道岗位的考核表参照快消渠道客户经理模板(结果约60%/过程约40%)，
  但结果部分几乎都是进货口径(销量达成率、回款达成率、新品进货量、铺货数量)，过程部分是拜访家数；
  铺货率、终端动销率、经销商库存天数、经销商满意度只出现在少数岗位且权重很低
  (渠道经理的经销商库存天数仅5%，渠道销售总监的经销商满意度仅5%)。按本示例的分类，
  客户类指标只占全部权重的 {share:.1f}%，业务结果类占 {sales_share:.1f}%。
- **旅程覆盖**：“年度合同与任务量谈判”(重要性5、表现2)只关联销量达成率，
  “生意回顾与经营辅导”(4、2)只关联拜访家数——形式上有指标覆盖，衡量的却是进货量和拜访次数。
  另有差距较小但同样无关联指标的触点：{bare_txt}。
- **问卷**：11名管理者多认为“客户相关指标占比”为高/中，明显比实测乐观；
  “部门KPI冲突频率”与“客户不满但KPI合格”两题中，销售高层(低)与供应链、财务、一线大区(高)分歧明显。
- **压货的销量冠军**：按全年平均销量达成率排名前三分之一的渠道经理为 {top_txt}；
  其中 {pushers_txt} 向经销商压货：经销商库存天数处于渠道经理的前25%且高于30天目标，
  经销商满意度和终端动销率(全年平均)都低于渠道经理中位数，经销商流失数也更多。

| 工号 | 压货 | 销量达成率 | 经销商库存天数 | 经销商满意度 | 终端动销率 | 经销商流失数(全年) |
|---|---|---|---|---|---|---|
{ev_table}

- **KPI绿、客户红**：“客户结果”表中渠道销售部的 KPI达成率 每季度都≥100，
  而部门经销商满意度逐季下降；重点客户部(KA)作为对照，不满足这一模式。

| 部门 | 指标 | {' | '.join(PERIODS)} |
|---|---|---|---|---|---|
{unit_table}

  部门 KPI达成率 = 部门内员工“Σ权重×min(达成度,120%)÷Σ权重”的平均值(越低越好的指标达成度取
  目标÷实际)；部门经销商满意度 = 部门内有客户结果的员工的平均值。
- “实际值”表的 `事件数` 只在“安全事故次数”(一票否决类)行填写。

---

# Qingtian Foods — synthetic sample engagement

> **Synthetic data.** Qingtian Foods (晴田食品) is a fictional FMCG food distributor. Every
> company name, person name, scorecard, survey answer and number here is generated by
> `generate.py` to demonstrate and test Orient; none of it describes a real company or person.

## Regenerate

```
python data_samples/qingtian_foods/generate.py
```

Runs from any directory; needs numpy, pandas, openpyxl and pyyaml; seed `{SEED}`; the
workbook's created/modified properties and the zip entry times are fixed, so every run writes
byte-identical files. `engagement.yaml`, `README.md` and `inputs/workbook.xlsx` are all written
by the script: change the script, not the files. The script checks the patterns promised below
and fails loudly when a parameter change breaks one.

## Input convention (different from the Xingyun sample)

- One `inputs/workbook.xlsx`; sheets carry the **Chinese table names**, headers are Chinese.
- `权重` on 现行指标 is an Excel percentage: cell value 0.3 with number format `0%` (shown as
  30 %), the same style in the whole column; Orient reads it as a fraction (0.3 = 30 %).
- A `说明` sheet labels the data as synthetic; Orient ignores it.
- Actuals and targets are numeric cells; percentage indicators are in points (95 = 95 %).

## Sheets and row counts (without header)

| sheet | table | rows |
|---|---|---|
{counts}

## Departments and positions

| department | staff | positions (staff) |
|---|---|---|
{positions}

Customer-facing departments: {', '.join(CUSTOMER_FACING)}. Customer outcomes cover the positions
that own dealer / KA relationships: {', '.join(OUTCOME_POSITIONS)} (for KA经理 the "dealers"
are the KA service distributors supplying their retail chains).

## Deliberate defects

Row numbers as a spreadsheet shows them (header = row 1). (d), (e) and (g) use this sample's
own indicator classification; Orient's automatic classification may differ slightly.

| defect | sheet | rows | note |
|---|---|---|---|
{defects_en}

Other deliberate patterns:

- **Sell-in over sell-out**: the channel cards follow the FMCG channel-manager template (result
  about 60 %, process about 40 %), but the results are sell-in measures (销量达成率, 回款达成率,
  新品进货量, 铺货数量) and the process part is visit counts (拜访家数); 铺货率, 终端动销率,
  经销商库存天数 and 经销商满意度 appear on a few positions only, with small weights (5 % for
  经销商库存天数 on 渠道经理, 5 % for 经销商满意度 on 渠道销售总监). By this sample's classification
  customer indicators carry {share:.1f} % of all weight, business results {sales_share:.1f} %.
- **Journey coverage**: 年度合同与任务量谈判 (importance 5, performance 2) is linked only to
  销量达成率 and 生意回顾与经营辅导 (4, 2) only to 拜访家数: formally covered, but by sell-in
  volume and visit counts. Touchpoints with a smaller gap and no linked indicator either:
  {bare_en}.
- **Survey**: eleven managers mostly rate 客户相关指标占比 high/medium, far above the measured
  share; on 部门KPI冲突频率 and 客户不满但KPI合格 sales leadership (low) and supply chain, finance
  and field regions (high) disagree.
- **Top sell-in managers who push stock**: the top third of 渠道经理 by mean 销量达成率 are
  {top_en}; of these {pushers_en} push inventory onto their dealers: 经销商库存天数 in the top
  quarter of channel managers and above the 30-day target, 经销商满意度 and 终端动销率 (yearly
  means) below the channel-manager median, and more dealers lost (table above).
- **KPI green, customer red**: in 客户结果, 渠道销售部 has KPI达成率 ≥ 100 every quarter while its
  经销商满意度 falls quarter after quarter; 重点客户部(KA) is the contrast and does not (table
  above). Department KPI达成率 = mean over its employees of Σ weight × min(attainment, 120 %) /
  Σ weight (lower-is-better: target / actual); department 经销商满意度 = mean over its employees
  with outcomes.
- `事件数` in 实际值 is filled only on the veto-type indicator 安全事故次数.
"""
    (HERE / "README.md").write_text(text, encoding="utf-8")



def main() -> None:
    """Generate every file of the sample engagement."""
    rng = np.random.default_rng(SEED)
    rows = synth.scorecard_rows(POSITIONS, CARDS, VARIANTS)
    kpis = build_current_kpis(rows)
    employees = build_employees(rng)
    traits = synth.draw_traits(rng, employees, TEAM_LEADS)
    entries = synth.actual_entries(rng, employees, rows, PERIODS)
    synth.fill_actuals(entries, traits, SIM, names={"销量达成率"})
    top, pushers = designate_pushers(rng, entries, traits)
    synth.fill_actuals(entries, traits, SIM)
    actuals = build_actuals(entries)
    per_employee = employee_outcomes(rng, employees, traits, entries)
    outcomes = pd.concat([per_employee, department_outcomes(entries, per_employee, employees)],
                         ignore_index=True)
    evidence = pusher_evidence(actuals, outcomes, employees, top)
    check_patterns(evidence, outcomes, pushers)
    journey = pd.DataFrame(JOURNEY, columns=JOURNEY_COLUMNS)
    survey = synth.survey_table(SURVEY)
    synth.check_glossary(GLOSSARY_EN, synth.glossary_names(employees, journey, survey, ENGAGEMENT))
    tables = {"current_kpis": kpis, "survey": survey, "journey": journey,
              "employees": employees, "actuals": actuals, "outcomes": outcomes,
              "glossary": synth.glossary_table(GLOSSARY_EN, GLOSSARY_HEADERS)}
    defects = find_defects(kpis, rows, journey)
    write_workbook(tables)
    synth.write_engagement(HERE, ENGAGEMENT, len(employees), ENGAGEMENT_HEADER)
    write_readme(tables, rows, defects, top, pushers, evidence)


if __name__ == "__main__":
    main()
