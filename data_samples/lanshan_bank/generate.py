"""Generate the synthetic sample engagement 岚山商业银行 (Lanshan Commercial Bank).

SYNTHETIC DATA. 岚山商业银行 is a fictional regional commercial bank. Every name, scorecard,
number and answer in this folder is made up to demonstrate and test Orient; none of it
describes a real bank or a real person.

Run from any directory::

    python data_samples/lanshan_bank/generate.py

It rewrites ``engagement.yaml``, ``README.md`` and ``inputs/*.csv`` identically on every
run (``numpy.random.default_rng(20261122)``). Only the standard library, numpy, pandas and
pyyaml are used, through the machinery shared by all samples in ``../_synth.py``.

Input conventions differ on purpose from the xingyun_saas sample so that the loader's
alternatives get exercised: ``current_kpis.csv`` is GBK with CRLF line ends (an old Chinese
Excel export) and writes weights as fractions (0.35); ``employees.csv`` has English headers.

The relationship managers' scorecards lean to volume (存款日均余额, 贷款投放额, 产品销售额,
客户拜访次数) and carry zero-weight compliance veto items (反洗钱违规, 销售适当性违规,
重大投诉) whose ``事件数`` is filled in ``actuals.csv``. The outcomes contain top-volume
relationship managers whose managed customers churn and complain, and one department
(零售金融部) that is "KPI green, customer red". ``README.md`` lists where each deliberate
defect sits; the rows are located by :func:`locate_defects`, and :func:`verify` fails
loudly when a parameter change breaks a promised pattern.
"""
from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
sys.dont_write_bytecode = True  # no __pycache__ in data_samples/, whose folders are samples
sys.path.insert(0, str(HERE.parent))  # data_samples/, home of the shared _synth.py
import _synth as synth  # noqa: E402

INPUTS = HERE / "inputs"
SEED = 20261122
PERIODS = ["2025Q4", "2026Q1", "2026Q2", "2026Q3"]
UP, DOWN = synth.HIGHER, synth.LOWER

# employees.csv has English headers; the script works with the Chinese ones of the others.
EMPLOYEE_HEADER = {"工号": "employee_id", "部门": "department", "岗位": "position",
                   "团队": "team", "姓名": "name"}

DEPARTMENTS = ["公司金融部", "零售金融部", "财富管理部", "运营管理部", "风险合规部", "人力资源部"]
CUSTOMER_FACING = ["公司金融部", "零售金融部", "财富管理部", "运营管理部"]
RM_POSITIONS = ("对公客户经理", "零售客户经理", "理财经理")
# The volume indicator by which relationship managers are ranked ("top sellers").
LEAD_VOLUME = {"对公客户经理": "存款日均余额", "零售客户经理": "存款日均余额",
               "理财经理": "产品销售额"}
VETO = ("反洗钱违规", "销售适当性违规", "重大投诉")
OUTCOME_METRICS = ("管户客户满意度", "管户客户流失率", "客户投诉数")
GREEN_RED_UNIT = "零售金融部"


# The bank's cards draw their actuals with a little more noise than the other samples'.
CARD_DEFAULTS = dict(sd=0.07, hi=1e12)


def card(*fields, **model) -> synth.Card:
    """Positional shorthand used by the CARDS table (see synth.Card for the models).

    ``outcome`` cards take the customer outcome of the same name; drivers here: push
    (selling drive), care (customer care), work (diligence) or none.
    """
    return synth.card(*fields, **(CARD_DEFAULTS | model))


# Presets: percentages near their ceiling of 100, and volume pushed by selling drive.
CEIL = dict(model="gap", mu=0.85, sd=0.35, beta=0.2, hi=100.0)
VOL = dict(driver="push", mu=0.97, sd=0.09, beta=0.13)

# The bank's indicator cards (name -> card). Targets are per quarter and per person unless
# the position overrides them in POSITIONS.
CARDS: dict[str, synth.Card] = {
    # ---- volume and business results
    "存款日均余额": card("考核期内按客户归属认定的管户客户人民币存款日均余额",
                     "∑每日管户存款余额÷考核期天数", UP, "核心业务系统、管理会计系统", "季度",
                     "计划财务部管理会计岗", 25000, "≥{t}万元", "B", "结果", **VOL),
    "贷款投放额": card("考核期内新发放的对公贷款(含贸易融资、票据贴现)金额",
                    "∑对公贷款发放金额", UP, "信贷管理系统", "季度", "公司金融部综合管理岗",
                    6000, "≥{t}万元/季度", "B", "结果", **VOL),
    "中间业务收入": card("考核期内结算、票据、保函、代发工资等对公业务实现的手续费及佣金收入",
                     "∑对公手续费及佣金收入", UP, "管理会计系统", "季度", "计划财务部管理会计岗",
                     80, "≥{t}万元/季度", "B", "结果", driver="push", mu=0.96, sd=0.12,
                     beta=0.12),
    "产品销售额": card("考核期内销售的理财、基金、保险、贵金属等代销及自营产品金额",
                    "∑各类产品销售金额", UP, "理财销售系统、代销业务系统", "季度",
                    "财富管理部产品管理岗", 600, "≥{t}万元/季度", "B", "结果", **VOL),
    "新增有效客户数": card("考核期内新开户且月日均金融资产达到有效客户标准(个人5万元、"
                      "对公50万元)的客户数", "新增达标客户计数", UP, "客户关系管理系统(CRM)、"
                      "核心业务系统", "季度", "零售金融部业务管理岗", 3, "≥{t}户/季度", "B",
                      "结果", driver="push", mu=0.97, sd=0.2, beta=0.15, dec=0),
    "信用卡发卡量": card("考核期内新发卡并在30天内激活的信用卡张数", "新发卡且激活张数",
                     UP, "信用卡系统", "季度", "零售金融部业务管理岗", 60, "≥{t}张/季度",
                     "B", "结果", driver="push", mu=0.97, sd=0.15, beta=0.12, dec=0),
    "AUM净增长率": card("管户客户金融资产(AUM)季末较季初的净增长比例",
                     "(期末AUM-期初AUM)÷期初AUM×100%", UP, "财富管理系统", "季度",
                     "财富管理部产品管理岗", 3, "≥{t}%", "B", "结果",
                     driver="push", mu=0.95, sd=0.45, beta=0.3, lo=-10, hi=20),
    "高净值客户数": card("季末金融资产在600万元及以上的管户客户数", "季末达标客户计数", UP,
                     "财富管理系统", "季度", "财富管理部产品管理岗", 12, "≥{t}户",
                     "B", "结果", driver="push", sd=0.08, beta=0.06, dec=0),
    "产品签约客户数": card("考核期内新签约现金管理、代发工资、企业网银等交易银行产品的对公客户数",
                      "新签约客户计数", UP, "交易银行系统", "季度", "公司金融部综合管理岗", 15,
                      "≥{t}户/季度", "B", "结果", sd=0.15, dec=0),
    "营销转介数": card("柜面或厅堂向客户经理转介并在30天内成交的客户数", "成交转介计数", UP,
                    "客户关系管理系统(CRM)", "季度", "零售金融部业务管理岗", 30,
                    "≥{t}户/季度", "B", "过程", sd=0.18, dec=0),
    # ---- risk, compliance and the veto items
    "不良贷款率": card("所辖贷款中不良贷款(次级、可疑、损失类)余额所占比例",
                    "不良贷款余额÷各项贷款余额×100%", DOWN, "信贷管理系统", "季度",
                    "风险合规部风险管理岗", 1.8, "≤{t}%", "R", "结果", sd=0.12, dec=2),
    "反洗钱违规": card("未按规定识别客户身份、未报送大额或可疑交易、协助客户规避监管等反洗钱"
                    "违规并经风险合规部认定的次数；发生即一票否决，当期绩效为零",
                    "经认定的违规次数", DOWN, "反洗钱监测系统、内控合规系统", "季度",
                    "风险合规部合规经理", 0, "0次(一票否决)", "R", "能力",
                    model="veto", driver="care", mu=0.012, beta=0.5, dec=0),
    "销售适当性违规": card("向风险等级不匹配的客户销售产品、未执行双录或风险揭示不到位，"
                      "经风险合规部认定的次数；发生即一票否决，当期绩效为零",
                      "经认定的违规次数", DOWN, "理财销售系统(双录)、内控合规系统", "季度",
                      "风险合规部合规经理", 0, "0次(一票否决)", "R", "能力",
                      model="veto", driver="care", mu=0.02, beta=0.6, dec=0),
    "重大投诉": card("经认定的重大客户投诉(监管转办、媒体曝光或涉及金额10万元以上)次数；"
                  "发生即一票否决，当期绩效为零", "经认定的重大投诉次数", DOWN,
                  "投诉管理系统", "季度", "运营管理部客户服务岗", 0, "0次(一票否决)",
                  "R", "能力", model="veto", driver="care", mu=0.02, beta=0.6, dec=0),
    "贷款资料合规率": card("抽查的贷款档案中要素齐全、签章合规的档案所占比例",
                      "合规档案数÷抽查档案数×100%", UP, "信贷管理系统", "季度",
                      "风险合规部风险管理岗", 98, "≥{t}%", "R", "过程", **CEIL),
    "业务差错率": card("柜面业务中经事后监督发现差错的笔数占业务总笔数的比例",
                    "差错笔数÷业务总笔数×100%", DOWN, "事后监督系统", "季度",
                    "运营管理部运营分析岗", 0.05, "≤{t}%", "R", "过程", sd=0.25, dec=3),
    "现金差错次数": card("尾箱及现金收付中发生的长短款次数", "长短款次数", DOWN, "核心业务系统",
                     "季度", "运营管理部运营分析岗", 2, "≤{t}次/季度", "R", "过程",
                     model="poisson", mu=1.0, beta=0.3, dec=0),
    "内控检查发现问题数": card("内控与合规检查中发现并被认定的问题数", "认定问题计数", DOWN,
                       "内控合规系统", "季度", "风险合规部合规经理", 3, "≤{t}个/季度", "R",
                       "过程", model="poisson", mu=2.2, beta=0.25, dec=0),
    "资料差错次数": card("移交的放款及归档资料被退回补正的次数", "退回补正次数", DOWN,
                     "信贷管理系统", "季度", "公司金融部综合管理岗", 2, "≤{t}次/季度", "R",
                     "过程", model="poisson", mu=1.4, beta=0.3, dec=0),
    "反洗钱可疑交易报送及时率": card("在规定时限内完成甄别并报送的可疑交易占应报送笔数的比例",
                           "按时报送笔数÷应报送笔数×100%", UP, "反洗钱监测系统", "季度",
                           "风险合规部合规经理", 98, "≥{t}%", "R", "过程", **CEIL),
    "审批业务不良率": card("本人审批通过的授信在审批后24个月内形成不良的余额占比",
                      "形成不良余额÷审批通过授信余额×100%", DOWN, "信贷管理系统", "季度",
                      "风险合规部风险管理岗", 1.5, "≤{t}%", "R", "结果", sd=0.15, dec=2),
    "审批差错次数": card("审批意见、额度或条件录入错误被事后发现的次数", "差错次数", DOWN,
                     "信贷管理系统", "季度", "风险合规部风险管理岗", 1, "≤{t}次/季度", "R",
                     "过程", model="poisson", mu=0.6, beta=0.3, dec=0),
    "监管检查问题整改率": card("监管检查与审计发现的问题在期限内完成整改的比例",
                       "按期整改问题数÷应整改问题数×100%", UP, "内控合规系统", "季度",
                       "风险合规部合规经理", 95, "≥{t}%", "R", "结果", **CEIL),
    # ---- internal process
    "客户拜访次数": card("对公客户经理上门拜访并在CRM签到的客户拜访次数",
                     "CRM拜访签到记录计数", UP, "客户关系管理系统(CRM)", "月度",
                     "公司金融部综合管理岗", 45, "≥{t}次/季度", "I", "过程",
                     mu=1.04, sd=0.1, beta=0.06, dec=0),
    "费用预算执行率": card("考核期内实际发生的营业费用占批准预算的比例",
                      "实际费用÷预算费用×100%", DOWN, "财务系统", "季度",
                      "计划财务部预算管理岗", 100, "≤{t}%", "I", "过程",
                      driver="none", mu=0.96, sd=0.05, lo=60, hi=130),
    "新产品上线数": card("考核期内完成开发测试并正式上线的对公产品或产品功能数",
                     "上线产品计数", UP, "产品管理台账", "季度", "公司金融部综合管理岗", 2,
                     "≥{t}个/季度", "I", "过程", sd=0.3, dec=0),
    "产品手册更新及时率": card("产品变更后5个工作日内更新产品手册与话术的比例",
                       "按时更新次数÷产品变更次数×100%", UP, "产品管理台账", "季度",
                       "公司金融部综合管理岗", 95, "≥{t}%", "I", "过程", **CEIL),
    "放款资料归档及时率": card("放款后3个工作日内完成资料移交归档的笔数占放款笔数的比例",
                       "按时归档笔数÷放款笔数×100%", UP, "信贷管理系统", "季度",
                       "公司金融部综合管理岗", 98, "≥{t}%", "I", "过程", **CEIL),
    "资产配置方案数": card("为客户出具并经客户签收的资产配置方案份数", "签收方案计数", UP,
                      "财富管理系统", "季度", "财富管理部产品管理岗", 30, "≥{t}份/季度",
                      "I", "过程", sd=0.12, dec=0),
    "投研报告数": card("撰写并在内部发布的市场与产品研究报告篇数", "发布报告计数", UP,
                    "内部知识库", "季度", "财富管理部产品管理岗", 6, "≥{t}篇/季度", "I",
                    "过程", sd=0.2, dec=0),
    "柜面业务笔数": card("考核期内柜面办理的各类业务笔数(按业务复杂度折算)", "折算业务笔数",
                     UP, "核心业务系统", "季度", "运营管理部运营分析岗", 4500, "≥{t}笔/季度",
                     "I", "过程", mu=1.03, sd=0.08, dec=0),
    "平均单笔办理时长": card("柜面从叫号到业务办结的平均用时", "∑单笔办理时长÷业务笔数", DOWN,
                       "排队叫号系统", "季度", "运营管理部运营分析岗", 6, "≤{t}分钟", "I",
                       "过程", mu=0.97, sd=0.08),
    "服务规范检查得分": card("营业主管按服务规范检查表对柜员仪容、用语和流程的抽查评分",
                       "各检查项得分之和(百分制)", UP, "运营检查台账", "季度",
                       "运营管理部运营分析岗", 90, "≥{t}分", "I", "过程",
                       **dict(CEIL, mu=0.8)),
    "厅堂服务神秘人检查得分": card("第三方神秘人按检查表对网点环境、厅堂服务与营销流程的评分",
                         "检查表各项得分之和(百分制)", UP, "神秘人检查报告", "季度",
                         "运营管理部运营分析岗", 88, "≥{t}分", "I", "过程",
                         **dict(CEIL, mu=0.85)),
    "客户分流引导率": card("厅堂引导至自助设备或手机银行办理的业务占全部业务的比例",
                      "引导分流笔数÷网点业务总笔数×100%", UP, "排队叫号系统", "季度",
                      "运营管理部运营分析岗", 60, "≥{t}%", "I", "过程",
                      mu=1.02, sd=0.06, hi=95),
    "接通率": card("客服热线进线中在20秒内被人工接起的比例", "20秒内接起数÷人工进线数×100%", UP,
                "远程银行系统", "季度", "运营管理部客户服务岗", 90, "≥{t}%", "I", "过程",
                **CEIL),
    "平均通话时长": card("客服人员单通电话的平均通话时长", "∑通话时长÷接听通数", DOWN,
                     "远程银行系统", "季度", "运营管理部客户服务岗", 180, "≤{t}秒", "I", "过程",
                     mu=0.98, sd=0.07, dec=0),
    "来电处理量": card("考核期内接听并完成登记的来电通数", "接听通数", UP, "远程银行系统", "季度",
                    "运营管理部客户服务岗", 2400, "≥{t}通/季度", "I", "过程",
                    mu=1.04, sd=0.08, dec=0),
    "授信审批平均时长": card("授信申请资料齐全受理至出具审批意见的平均工作日数",
                       "∑单笔审批工作日÷审批笔数", DOWN, "信贷管理系统", "季度",
                       "风险合规部风险管理岗", 7, "≤{t}个工作日", "I", "过程", sd=0.12),
    "审批笔数": card("考核期内完成审批的授信笔数", "审批完成笔数", UP, "信贷管理系统", "季度",
                  "风险合规部风险管理岗", 120, "≥{t}笔/季度", "I", "过程", sd=0.1, dec=0),
    "合规检查覆盖率": card("按年度计划完成合规检查的网点与条线占应检查对象的比例",
                      "已检查对象数÷应检查对象数×100%", UP, "内控合规系统", "季度",
                      "风险合规部合规经理", 95, "≥{t}%", "I", "过程", **CEIL),
    "招聘及时率": card("在需求提出后45天内到岗的招聘需求所占比例", "按时到岗人数÷招聘需求人数×100%",
                    UP, "人力资源系统", "季度", "人力资源部", 90, "≥{t}%", "I", "过程", **CEIL),
    "培训计划完成率": card("年度培训计划中按期实施的课程所占比例", "按期实施课程数÷计划课程数×100%",
                      UP, "人力资源系统", "季度", "人力资源部", 95, "≥{t}%", "I", "过程", **CEIL),
    "人工成本预算执行率": card("实际人工成本占人工成本预算的比例", "实际人工成本÷人工成本预算×100%",
                       DOWN, "人力资源系统、财务系统", "季度", "人力资源部", 100, "≤{t}%", "I",
                       "过程", driver="none", mu=0.97, sd=0.04, lo=60, hi=130),
    # ---- capability
    "合规考试成绩": card("季度合规与产品知识闭卷考试成绩", "考试得分(百分制)", UP, "在线学习平台",
                     "季度", "人力资源部", 85, "≥{t}分", "K", "能力", **dict(CEIL, mu=0.7)),
    "客户经理产品培训场次": card("面向客户经理开展的交易银行产品培训场次", "培训场次计数", UP,
                         "在线学习平台", "季度", "公司金融部综合管理岗", 6, "≥{t}场/季度", "K",
                         "能力", sd=0.2, dec=0),
    "员工流失率": card("考核期内主动离职人数占平均在职人数的比例", "主动离职人数÷平均在职人数×100%",
                    DOWN, "人力资源系统", "季度", "人力资源部", 3, "≤{t}%", "K", "能力",
                    driver="none", mu=0.9, sd=0.5, hi=30),
    "员工培训完成率": card("应参训员工中完成必修课程的比例", "完成人数÷应参训人数×100%", UP,
                      "在线学习平台", "季度", "人力资源部", 95, "≥{t}%", "K", "能力", **CEIL),
    "合规培训场次": card("组织的反洗钱、消保与合规专题培训场次", "培训场次计数", UP, "在线学习平台",
                     "季度", "风险合规部合规经理", 6, "≥{t}场/季度", "K", "能力", sd=0.2, dec=0),
    # ---- customer
    "管户客户流失率": card("期初管户有效客户中，期末金融资产降至有效客户标准以下或销户的客户占比",
                      "流失客户数÷期初管户有效客户数×100%", DOWN, "客户关系管理系统(CRM)、"
                      "核心业务系统", "季度", "财富管理部产品管理岗", 4, "≤{t}%", "C", "结果",
                      model="outcome"),
    "网点客户满意度": card("网点季度客户满意度调查的平均得分(百分制)",
                      "各题得分×题目权重之和，按样本取平均", UP, "满意度调查系统", "季度",
                      "零售金融部业务管理岗", 90, "≥{t}分", "C", "结果",
                      model="gap", driver="care", mu=1.0, sd=0.25, beta=0.3, hi=100.0),
    "贷款办理平均时长": card("个人贷款从申请受理到放款的平均工作日数", "∑单笔办理工作日÷放款笔数",
                       DOWN, "信贷管理系统", "季度", "零售金融部业务管理岗", 5, "≤{t}个工作日",
                       "C", "过程", driver="care", mu=1.02, sd=0.12, beta=0.1),
    "客户平均等候时长": card("网点客户从取号到被叫号的平均等候时间", "∑客户等候时长÷取号客户数",
                       DOWN, "排队叫号系统", "季度", "运营管理部运营分析岗", 12, "≤{t}分钟",
                       "C", "过程", driver="care", mu=1.05, sd=0.12, beta=0.08),
    "客户投诉处理及时率": card("在24小时内给出处理意见的客户投诉所占比例",
                       "24小时内答复投诉数÷受理投诉数×100%", UP, "投诉管理系统", "季度",
                       "运营管理部客户服务岗", 95, "≥{t}%", "C", "过程",
                       **dict(CEIL, driver="care")),
    "客户满意度": card("来电结束后短信评价中“满意”及以上所占比例",
                    "满意及以上评价数÷有效评价数×100%", UP, "远程银行系统", "季度",
                    "运营管理部客户服务岗", 95, "≥{t}%", "C", "结果",
                    **dict(CEIL, driver="care", beta=0.25)),
    "员工满意度": card("员工年度敬业度与满意度调查中对人力资源服务的满意得分",
                    "各题得分平均(百分制)", UP, "员工调查问卷", "季度", "人力资源部", 80,
                    "≥{t}分", "C", "结果", **dict(CEIL, driver="care")),
}

# Same indicator name, different definition in another department (defect h of METHOD §2.4).
VARIANTS: dict[tuple[str, str], synth.Card] = {
    ("贷款投放额", "零售金融部"): card(
        "考核期内新发放的个人贷款(按揭、消费贷、个人经营贷)金额，不含信用卡透支",
        "∑个人贷款发放金额", UP, "信贷管理系统", "季度", "零售金融部业务管理岗", 1500,
        "≥{t}万元/季度", "B", "结果", **VOL),
    ("客户拜访次数", "零售金融部"): card(
        "对管户个人客户的电话、微信和面访联络次数，外呼系统与CRM记录合计",
        "外呼有效通话次数+CRM面访记录数", UP, "外呼系统、客户关系管理系统(CRM)", "月度",
        "零售金融部业务管理岗", 180, "≥{t}次/季度", "I", "过程",
        mu=1.05, sd=0.1, beta=0.06, dec=0),
    ("客户拜访次数", "财富管理部"): card(
        "对金融资产50万元以上管户客户的面谈次数(含网点约见)，不含电话",
        "CRM面谈记录数", UP, "客户关系管理系统(CRM)", "季度", "财富管理部产品管理岗", 90,
        "≥{t}次/季度", "I", "过程", mu=1.03, sd=0.1, beta=0.06, dec=0),
    ("中间业务收入", "财富管理部"): card(
        "考核期内代销理财、基金、保险产品产生的手续费及佣金收入",
        "∑代销手续费及佣金收入", UP, "管理会计系统、代销业务系统", "季度",
        "计划财务部管理会计岗", 30, "≥{t}万元/季度", "B", "结果",
        driver="push", mu=0.96, sd=0.12, beta=0.12),
}

# Current scorecards: (department, position, [(indicator, weight in points[, target])]).
# Weights are written to current_kpis.csv as fractions (35 -> 0.35); veto items weigh 0.
POSITIONS = [
    ("公司金融部", "公司金融部总经理", [("存款日均余额", 25, 480000), ("贷款投放额", 25, 115000),
                                ("中间业务收入", 15, 1500), ("不良贷款率", 15),
                                ("新增有效客户数", 10, 55), ("费用预算执行率", 10)]),
    ("公司金融部", "对公客户经理", [("存款日均余额", 35), ("贷款投放额", 30), ("中间业务收入", 10),
                              ("客户拜访次数", 15), ("新增有效客户数", 10), ("反洗钱违规", 0),
                              ("重大投诉", 0)]),
    ("公司金融部", "对公产品经理", [("新产品上线数", 35), ("产品签约客户数", 30),
                              ("客户经理产品培训场次", 20), ("产品手册更新及时率", 15)]),
    ("公司金融部", "公司业务助理", [("放款资料归档及时率", 65), ("资料差错次数", 35)]),
    ("零售金融部", "零售金融部总经理", [("存款日均余额", 25, 140000), ("产品销售额", 20, 14000),
                                ("贷款投放额", 15, 36000), ("信用卡发卡量", 10, 1400),
                                ("网点客户满意度", 10), ("费用预算执行率", 10),
                                ("员工流失率", 5)]),
    ("零售金融部", "零售客户经理", [("存款日均余额", 30, 6000), ("产品销售额", 25),
                              ("客户拜访次数", 20), ("新增有效客户数", 15, 25),
                              ("信用卡发卡量", 10), ("反洗钱违规", 0), ("销售适当性违规", 0),
                              ("重大投诉", 0)]),
    ("零售金融部", "零售团队主管", [("存款日均余额", 30, 42000), ("产品销售额", 25, 4200),
                              ("新增有效客户数", 10, 175), ("客户拜访次数", 10, 1250),
                              ("信用卡发卡量", 10, 420), ("网点客户满意度", 10),
                              ("员工流失率", 5)]),
    ("零售金融部", "零售信贷专员", [("贷款投放额", 40), ("贷款办理平均时长", 20),
                              ("不良贷款率", 20, 1.2), ("贷款资料合规率", 20)]),
    ("财富管理部", "财富管理部总经理", [("产品销售额", 30, 40000), ("中间业务收入", 25, 600),
                                ("AUM净增长率", 20), ("高净值客户数", 15, 260),
                                ("费用预算执行率", 10)]),
    ("财富管理部", "理财经理", [("产品销售额", 40, 2000), ("中间业务收入", 15), ("AUM净增长率", 15),
                          ("客户拜访次数", 10), ("合规考试成绩", 10), ("管户客户流失率", 10),
                          ("反洗钱违规", 0), ("销售适当性违规", 0), ("重大投诉", 0)]),
    ("财富管理部", "私人银行投资顾问", [("资产配置方案数", 30), ("高净值客户数", 25),
                                ("产品销售额", 25, 3000), ("投研报告数", 20)]),
    ("运营管理部", "运营主管", [("业务差错率", 20), ("柜面业务笔数", 15, 36000),
                          ("客户平均等候时长", 15), ("费用预算执行率", 10), ("现金差错次数", 10),
                          ("内控检查发现问题数", 10), ("厅堂服务神秘人检查得分", 10),
                          ("员工培训完成率", 5), ("反洗钱可疑交易报送及时率", 5)]),
    ("运营管理部", "综合柜员", [("柜面业务笔数", 35), ("业务差错率", 25), ("平均单笔办理时长", 20),
                          ("营销转介数", 10), ("服务规范检查得分", 10)]),
    ("运营管理部", "大堂经理", [("营销转介数", 30, 90), ("客户分流引导率", 20),
                          ("客户平均等候时长", 20), ("厅堂服务神秘人检查得分", 15),
                          ("客户投诉处理及时率", 15)]),
    ("运营管理部", "客服专员", [("来电处理量", 30), ("平均通话时长", 25), ("接通率", 25),
                          ("客户满意度", 20)]),
    ("风险合规部", "授信审批岗", [("审批笔数", 30), ("授信审批平均时长", 25),
                           ("审批业务不良率", 25), ("审批差错次数", 20)]),
    ("风险合规部", "合规专员", [("合规检查覆盖率", 30), ("反洗钱可疑交易报送及时率", 30),
                          ("合规培训场次", 20), ("监管检查问题整改率", 20)]),
    ("人力资源部", "人力资源专员", [("招聘及时率", 35), ("培训计划完成率", 25),
                              ("人工成本预算执行率", 20), ("员工流失率", 15), ("员工满意度", 10)]),
]

# Incomplete indicator cards (defect f): these card fields are left empty.
INCOMPLETE = {
    ("对公客户经理", "重大投诉"): ["指标定义"],
    ("对公产品经理", "新产品上线数"): ["指标定义", "计算公式"],
    ("对公产品经理", "产品手册更新及时率"): ["数据来源", "数据责任人"],
    ("零售团队主管", "网点客户满意度"): ["计算公式", "数据来源"],
    ("私人银行投资顾问", "资产配置方案数"): ["数据责任人"],
    ("私人银行投资顾问", "投研报告数"): ["计算公式", "数据来源", "数据责任人"],
    ("运营主管", "厅堂服务神秘人检查得分"): ["数据来源", "数据责任人"],
    ("大堂经理", "客户分流引导率"): ["计算公式"],
    ("合规专员", "合规培训场次"): ["考核周期"],
}

# Head count per position and the teams they sit in (filled round-robin).
BRANCHES = ["营业部", "城东支行", "城西支行", "高新区支行", "滨江支行"]
STAFFING = {
    "公司金融部总经理": (1, ["公司金融部管理组"]),
    "对公客户经理": (20, ["对公一团队", "对公二团队", "园区金融团队", "供应链金融团队"]),
    "对公产品经理": (2, ["交易银行产品组"]),
    "公司业务助理": (2, ["对公业务支持组"]),
    "零售金融部总经理": (1, ["零售金融部管理组"]),
    "零售客户经理": (22, BRANCHES),
    "零售团队主管": (3, ["城东支行", "高新区支行", "滨江支行"]),
    "零售信贷专员": (3, ["个贷中心"]),
    "财富管理部总经理": (1, ["财富管理部管理组"]),
    "理财经理": (18, BRANCHES),
    "私人银行投资顾问": (2, ["私人银行中心"]),
    "运营主管": (2, ["营业部", "城东支行"]),
    "综合柜员": (8, BRANCHES),
    "大堂经理": (4, ["营业部", "城东支行", "城西支行", "滨江支行"]),
    "客服专员": (4, ["远程银行中心"]),
    "授信审批岗": (3, ["授信审批组"]),
    "合规专员": (2, ["合规与反洗钱组"]),
    "人力资源专员": (2, ["人力资源组"]),
}
# Positions whose indicators are team totals: their traits are their department's mean.
LEADS = ("公司金融部总经理", "零售金融部总经理", "零售团队主管", "财富管理部总经理", "运营主管")

FAMILY = ("赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦许何吕施张孔曹严华金魏陶姜谢邹喻柏窦章"
          "苏潘葛范彭鲁韦马苗方俞任袁柳鲍史唐薛雷贺倪汤罗毕郝安常于傅齐康伍余顾孟黄")
GIVEN = ("明远", "思源", "嘉禾", "若溪", "书瑶", "景行", "安然", "沐阳", "清和", "亦凡", "雨桐",
         "可欣", "语晨", "泽宇", "浩然", "文博", "子墨", "佳琪", "梓萱", "一诺", "晓岚", "海宁",
         "立诚", "宏达", "春晖", "秋实", "冬青", "静", "磊", "婷", "涛", "敏", "勇", "燕", "鹏",
         "丽", "洁", "峰", "颖", "斌")
# Safety net: generated names must not coincide with well-known people.
WELL_KNOWN = {"王菲", "周迅", "黄渤", "孙俪", "李宁", "马云", "周星驰", "张艺谋", "陈道明",
              "王源", "杨幂", "赵薇", "刘欢", "韩红", "朱军", "雷军", "任正非", "董明珠"}

# Customer care drifts down in 零售金融部 (sales pressure) while its volume indicators are
# pushed above target: "KPI green, customer red". Per quarter.
CARE_DRIFT = {"零售金融部": -0.45, "公司金融部": 0.06, "财富管理部": 0.02}
PUSH_BOOST = {"零售金融部": [0.1, 0.12, 0.14, 0.16]}
SIM = synth.Simulation(PERIODS, CARE_DRIFT, PUSH_BOOST, boosted_groups="BIK")

JOURNEY = [
    ("认知", "网点厅堂接待与分流", "一进门就有人接待，很快知道该找谁、去哪办", 3, 3,
     "运营管理部", "零售金融部", "", "财富管理部", "客户分流引导率"),
    ("认知", "产品宣传与风险揭示", "收益和风险讲清楚，不夸大、不误导", 4, 2,
     "财富管理部", "风险合规部", "零售金融部", "运营管理部", "产品销售额"),
    ("开户准入", "个人开户与身份核验", "材料一次讲清，不来回跑", 4, 3,
     "运营管理部", "零售金融部", "风险合规部", "", "柜面业务笔数、平均单笔办理时长"),
    ("开户准入", "企业开户与尽职调查", "开户材料清单一次给全，办理时间心里有数", 5, 2,
     "公司金融部、运营管理部", "风险合规部", "", "", ""),
    ("需求评估", "个人客户风险测评与需求了解", "测评如实反映自己的承受能力，推荐的产品适合自己",
     5, 3, "财富管理部、零售金融部", "风险合规部", "", "", "销售适当性违规"),
    ("需求评估", "企业融资需求诊断", "客户经理懂行业，方案贴合企业的经营周期", 5, 3,
     "公司金融部", "公司金融部", "风险合规部", "", "贷款投放额"),
    ("办理", "授信审批", "审批进度透明，多久能批有个准数", 5, 2,
     "风险合规部", "公司金融部", "运营管理部", "", "授信审批平均时长、审批笔数"),
    ("办理", "放款与提款", "批下来后按约定时间到账，不临时加材料", 5, 2,
     "运营管理部", "公司金融部、风险合规部", "", "零售金融部", ""),
    ("办理", "个人贷款申请与放款", "线上能查进度，放款快", 4, 3,
     "风险合规部、运营管理部", "零售金融部", "", "", "贷款办理平均时长、贷款投放额"),
    ("办理", "理财基金购买与双录", "流程合规但不繁琐，清楚自己买的是什么", 4, 3,
     "财富管理部", "风险合规部", "运营管理部", "零售金融部", "产品销售额、销售适当性违规"),
    ("持有使用", "柜面与手机银行日常交易", "不排长队，手机银行稳定好用", 4, 3,
     "运营管理部", "零售金融部", "", "", "客户平均等候时长、柜面业务笔数"),
    ("持有使用", "企业结算与现金管理", "大额转账、代发工资准时准确", 4, 4,
     "运营管理部", "公司金融部", "风险合规部", "", "业务差错率、产品签约客户数"),
    ("持有使用", "理财产品净值波动沟通", "净值下跌时有人主动解释原因和应对，不是只在卖的时候出现",
     5, 1, "财富管理部", "零售金融部", "风险合规部", "", ""),
    ("服务维护", "管户客户定期联络", "有固定的人对接，联系得上，了解我的情况", 4, 3,
     "财富管理部", "零售金融部", "", "运营管理部", "客户拜访次数"),
    ("服务维护", "投诉受理与处理", "有人认领，按承诺时间答复，不被推来推去", 5, 2,
     "运营管理部", "零售金融部", "公司金融部、财富管理部、风险合规部、人力资源部", "",
     "客户投诉处理及时率、重大投诉"),
    ("服务维护", "电话客服与远程银行", "一次讲清楚，不被反复转接", 4, 2,
     "运营管理部", "零售金融部", "财富管理部", "", "接通率、平均通话时长、来电处理量"),
    ("服务维护", "贷后回访与风险提示", "贷后检查不折腾，经营有困难时银行愿意一起想办法", 3, 3,
     "公司金融部", "风险合规部", "运营管理部", "", "不良贷款率"),
    ("续作/流失", "理财到期续作与配置调整", "到期前提醒，配置建议站在我这边", 4, 3,
     "财富管理部", "零售金融部", "风险合规部", "", "AUM净增长率、产品销售额"),
    ("续作/流失", "对公授信到期续作", "续作比新做简单，不必重新提交全部材料", 4, 2,
     "公司金融部", "风险合规部", "运营管理部", "", "贷款投放额"),
    ("续作/流失", "资金转出预警与挽留", "要把钱转走时，有人真正了解原因并解决问题", 5, 2,
     "", "零售金融部", "财富管理部", "公司金融部", "管户客户流失率"),
    ("推荐", "客户转介绍", "愿意推荐亲友时流程简单，被推荐的人也被认真对待", 3, 3,
     "财富管理部", "零售金融部", "", "运营管理部", "新增有效客户数"),
]

# (respondent, role, answers in synth.SURVEY_QUESTIONS order). Business heads see the scorecards
# as customer-related (the veto items mention complaints); operations and risk disagree.
SURVEY = [
    ("M01", "公司金融部总经理", "高低低低"),
    ("M02", "对公团队长(园区金融)", "高中低低"),
    ("M03", "零售金融部总经理", "高低低低"),
    ("M04", "零售团队主管(滨江支行)", "中低中中"),
    ("M05", "财富管理部总经理", "高中低低"),
    ("M06", "理财团队长(营业部)", "中低中高"),
    ("M07", "运营管理部总经理", "低低高高"),
    ("M08", "运营主管(城东支行)", "低低高高"),
    ("M09", "风险合规部总经理", "低中高高"),
    ("M10", "合规经理", "中低高中"),
    ("M11", "人力资源部总经理", "中低中高"),
]

ENGAGEMENT = {
    "client": "岚山商业银行(合成示例)",
    "client_en": "Lanshan Commercial Bank (synthetic sample)",
    "synthetic": True,
    "language": "zh",
    "industry": "banking",
    "business_model": "banking",
    "stage": "mature",
    "market": "stock",
    "competition": "high",
    "product_homogeneity": "high",
    "compliance_level": "very_high",
    "process_maturity": "high",
    "employees": None,  # the number of rows of employees.csv
    "value_propositions": ["expertise", "fast_response"],
    "strategy_goals": ["零售管户客户年流失率由14%降至9%以内",
                       "中间业务收入占营业收入比重提升至25%",
                       "小微企业授信审批时长压缩至5个工作日以内",
                       "重大投诉与销售适当性违规零发生"],
    "segments": ["中小微企业客户", "零售个人客户", "财富客户(金融资产50万元以上)"],
    "customer_facing_units": CUSTOMER_FACING,
    "policy": "default",
    "report": synth.SAMPLE_REPORT,
}
ENGAGEMENT_NOTE = ("# SYNTHETIC SAMPLE DATA — 合成示例数据：岚山商业银行为虚构银行，"
                   "所有数据均为生成，不代表任何真实机构或个人。\n"
                   "# Written by generate.py; edit the script, not this file.\n")

# English names of the bank's own terms, written to inputs/glossary.csv: English reports of
# this Chinese engagement show them instead of the Chinese (the bank's name stays out: see
# client_en). Indicator names the KPI library already names are left to the library, except
# where the library card's name would misstate the bank's indicator (marked "not the card").
GLOSSARY_EN: dict[str, str] = {
    # departments
    "公司金融部": "Corporate Banking",
    "零售金融部": "Retail Banking",
    "财富管理部": "Wealth Management",
    "运营管理部": "Operations Management",
    "风险合规部": "Risk and Compliance",
    "人力资源部": "Human Resources",
    # positions (and survey roles)
    "公司金融部总经理": "General Manager, Corporate Banking",
    "零售金融部总经理": "General Manager, Retail Banking",
    "财富管理部总经理": "General Manager, Wealth Management",
    "运营管理部总经理": "General Manager, Operations Management",
    "风险合规部总经理": "General Manager, Risk and Compliance",
    "人力资源部总经理": "General Manager, Human Resources",
    "对公客户经理": "Corporate Relationship Manager",
    "对公产品经理": "Corporate Product Manager",
    "对公团队长(园区金融)": "Corporate Team Leader (Industrial Park Finance)",
    "公司业务助理": "Corporate Banking Assistant",
    "零售客户经理": "Retail Relationship Manager",
    "零售团队主管": "Retail Team Supervisor",
    "零售团队主管(滨江支行)": "Retail Team Supervisor (Riverside Sub-branch)",
    "零售信贷专员": "Retail Credit Specialist",
    "理财经理": "Wealth Manager",
    "理财团队长(营业部)": "Wealth Team Leader (Main Office)",
    "私人银行投资顾问": "Private Banking Investment Consultant",
    "运营主管": "Operations Supervisor",
    "运营主管(城东支行)": "Operations Supervisor (East City Sub-branch)",
    "综合柜员": "Universal Teller",
    "大堂经理": "Lobby Manager",
    "客服专员": "Customer Service Specialist",
    "授信审批岗": "Credit Approval Officer",
    "合规专员": "Compliance Specialist",
    "合规经理": "Compliance Manager",
    "人力资源专员": "Human Resources Specialist",
    # teams and branches
    "公司金融部管理组": "Corporate Banking Leadership Team",
    "对公一团队": "Corporate Team 1",
    "对公二团队": "Corporate Team 2",
    "园区金融团队": "Industrial Park Finance Team",
    "供应链金融团队": "Supply Chain Finance Team",
    "交易银行产品组": "Transaction Banking Product Team",
    "对公业务支持组": "Corporate Business Support Team",
    "零售金融部管理组": "Retail Banking Leadership Team",
    "营业部": "Main Office",
    "城东支行": "East City Sub-branch",
    "城西支行": "West City Sub-branch",
    "高新区支行": "High-Tech Zone Sub-branch",
    "滨江支行": "Riverside Sub-branch",
    "个贷中心": "Personal Lending Centre",
    "财富管理部管理组": "Wealth Management Leadership Team",
    "私人银行中心": "Private Banking Centre",
    "远程银行中心": "Remote Banking Centre",
    "授信审批组": "Credit Approval Team",
    "合规与反洗钱组": "Compliance and AML Team",
    "人力资源组": "Human Resources Team",
    # indicators the library does not name
    "贷款投放额": "Loan disbursements",
    "费用预算执行率": "Expense budget execution rate",
    "客户拜访次数": "Client visits",
    "新产品上线数": "New products launched",
    "产品签约客户数": "Clients signed to products",
    "客户经理产品培训场次": "Product training sessions for relationship managers",
    "产品手册更新及时率": "On-time product manual update rate",
    "放款资料归档及时率": "On-time loan file archiving rate",
    "资料差错次数": "Document errors",
    "产品销售额": "Product sales",
    "信用卡发卡量": "Credit cards issued",
    "网点客户满意度": "Branch client satisfaction",
    "销售适当性违规": "Suitability breaches in sales",
    "贷款办理平均时长": "Average loan processing time",
    "贷款资料合规率": "Loan file compliance rate",
    "高净值客户数": "High-net-worth clients",
    "资产配置方案数": "Asset allocation plans delivered",
    "投研报告数": "Investment research reports",
    "柜面业务笔数": "Counter transactions",
    "客户平均等候时长": "Average client waiting time",
    "现金差错次数": "Cash discrepancies",
    "内控检查发现问题数": "Internal control findings",
    "厅堂服务神秘人检查得分": "Lobby service mystery shopper score",
    "员工培训完成率": "Employee training completion rate",
    "反洗钱可疑交易报送及时率": "On-time AML suspicious transaction reporting rate",
    "平均单笔办理时长": "Average handling time per transaction",
    "营销转介数": "Sales referrals",
    "服务规范检查得分": "Service standards inspection score",
    "客户分流引导率": "Self-service redirection rate",
    "客户投诉处理及时率": "On-time client complaint handling rate",
    "来电处理量": "Calls handled",
    "审批笔数": "Credit applications reviewed",
    "授信审批平均时长": "Average credit approval time",
    "审批业务不良率": "Non-performing ratio of approved credit",
    "审批差错次数": "Approval errors",
    "合规检查覆盖率": "Compliance inspection coverage",
    "合规培训场次": "Compliance training sessions",
    "监管检查问题整改率": "Regulatory finding remediation rate",
    "培训计划完成率": "Training plan completion rate",
    "人工成本预算执行率": "Labour cost budget execution rate",
    # matched to a library card whose name would misstate the bank's indicator (not the card)
    "管户客户流失率": "Managed-client churn rate",
    "员工满意度": "Employee satisfaction",
    # customer outcomes
    "客户投诉数": "Client complaints",
    "KPI达成率": "KPI attainment",
    # journey stages
    "开户准入": "Account opening and eligibility",
    "需求评估": "Needs assessment",
    "办理": "Application and processing",
    "持有使用": "Holding and use",
    "服务维护": "Service and relationship maintenance",
    "续作/流失": "Renewal or churn",
    "推荐": "Advocacy",
    # touchpoints
    "网点厅堂接待与分流": "Branch lobby reception and triage",
    "产品宣传与风险揭示": "Product promotion and risk disclosure",
    "个人开户与身份核验": "Personal account opening and identity checks",
    "企业开户与尽职调查": "Corporate account opening and due diligence",
    "个人客户风险测评与需求了解": "Personal client risk profiling and needs discovery",
    "企业融资需求诊断": "Corporate financing needs diagnosis",
    "授信审批": "Credit approval",
    "放款与提款": "Loan disbursement and drawdown",
    "个人贷款申请与放款": "Personal loan application and disbursement",
    "理财基金购买与双录": "Wealth product and fund purchase with audio-video recording",
    "柜面与手机银行日常交易": "Everyday counter and mobile banking transactions",
    "企业结算与现金管理": "Corporate settlement and cash management",
    "理财产品净值波动沟通": "Explaining NAV swings of wealth products",
    "管户客户定期联络": "Regular contact with managed clients",
    "投诉受理与处理": "Complaint intake and handling",
    "电话客服与远程银行": "Phone service and remote banking",
    "贷后回访与风险提示": "Post-loan follow-up and risk alerts",
    "理财到期续作与配置调整": "Wealth product rollover and allocation review at maturity",
    "对公授信到期续作": "Corporate credit renewal at maturity",
    "资金转出预警与挽留": "Outflow alerts and client retention",
    "客户转介绍": "Client referrals",
    # what the client cares about
    "一进门就有人接待，很快知道该找谁、去哪办":
        "Greeted at the door and quickly told whom to see and where to go",
    "收益和风险讲清楚，不夸大、不误导":
        "Returns and risks explained clearly, without exaggeration or misleading claims",
    "材料一次讲清，不来回跑":
        "The documents needed explained in one go, with no running back and forth",
    "开户材料清单一次给全，办理时间心里有数":
        "The full list of account-opening documents in one go, and a clear idea of how long "
        "it takes",
    "测评如实反映自己的承受能力，推荐的产品适合自己":
        "A risk assessment that truly reflects my tolerance, and recommended products that "
        "suit me",
    "客户经理懂行业，方案贴合企业的经营周期":
        "A relationship manager who knows our industry, with a solution that fits our "
        "business cycle",
    "审批进度透明，多久能批有个准数":
        "Transparent approval progress and a reliable estimate of how long approval takes",
    "批下来后按约定时间到账，不临时加材料":
        "Funds arrive on the agreed date once approved, with no last-minute document requests",
    "线上能查进度，放款快": "Progress visible online and fast disbursement",
    "流程合规但不繁琐，清楚自己买的是什么":
        "A compliant but not cumbersome process, and a clear understanding of what I am buying",
    "不排长队，手机银行稳定好用": "No long queues, and a stable, easy-to-use mobile bank",
    "大额转账、代发工资准时准确": "Large transfers and payroll payments on time and accurate",
    "净值下跌时有人主动解释原因和应对，不是只在卖的时候出现":
        "When the NAV falls, someone proactively explains why and what to do, not only "
        "showing up to sell",
    "有固定的人对接，联系得上，了解我的情况":
        "A dedicated contact who is reachable and knows my situation",
    "有人认领，按承诺时间答复，不被推来推去":
        "Someone takes ownership and replies by the promised time, without passing me around",
    "一次讲清楚，不被反复转接":
        "Sorted out in one conversation, without being transferred again and again",
    "贷后检查不折腾，经营有困难时银行愿意一起想办法":
        "Post-loan checks without hassle, and a bank willing to work out solutions together "
        "when business is hard",
    "到期前提醒，配置建议站在我这边":
        "A reminder before maturity, and allocation advice that is on my side",
    "续作比新做简单，不必重新提交全部材料":
        "Renewal simpler than a new application, without resubmitting every document",
    "要把钱转走时，有人真正了解原因并解决问题":
        "When I want to move my money out, someone genuinely finds out why and solves the "
        "problem",
    "愿意推荐亲友时流程简单，被推荐的人也被认真对待":
        "An easy process when I want to refer friends and family, and the people I refer are "
        "taken seriously",
    # segments and strategy goals
    "中小微企业客户": "Small, medium and micro enterprise clients",
    "零售个人客户": "Retail personal clients",
    "财富客户(金融资产50万元以上)": "Wealth clients (financial assets above CNY 500,000)",
    "零售管户客户年流失率由14%降至9%以内":
        "Cut the annual churn rate of managed retail clients from 14% to 9% or less.",
    "中间业务收入占营业收入比重提升至25%":
        "Raise fee income to 25% of operating income.",
    "小微企业授信审批时长压缩至5个工作日以内":
        "Cut credit approval time for small and micro enterprises to within 5 working days.",
    "重大投诉与销售适当性违规零发生":
        "Zero major complaints and zero suitability breaches in sales.",
}


# ----------------------------------------------------------------------------- scorecards
def fraction_text(points: int) -> str:
    """A weight in points as the bank writes it: a fraction (35 -> "0.35")."""
    return f"{points / 100:g}"


def build_current_kpis(rows: list[dict]) -> pd.DataFrame:
    """The current scorecards as exported from the bank's Excel (weights as fractions)."""
    return synth.current_kpis_table(rows, INCOMPLETE, weight_cell=fraction_text, blank="")


# ------------------------------------------------------------------------------ employees
def person_name(rng: np.random.Generator) -> str:
    """A synthetic name: a family name and a common given name."""
    return str(rng.choice(list(FAMILY))) + str(rng.choice(GIVEN))


def build_staff(rng: np.random.Generator) -> pd.DataFrame:
    """Employees: 工号 (LS0001…), 部门, 岗位, 团队, 姓名; employees.csv renames the headers."""
    staff = synth.staff_table(POSITIONS, STAFFING, "LS{:04d}")
    staff["姓名"] = synth.distinct_names(len(staff), lambda: person_name(rng), WELL_KNOWN)
    return staff


# -------------------------------------------------------------------------------- actuals
def volume_ranking(entries: list[dict]) -> pd.Series:
    """Relationship managers by mean attainment of their lead volume indicator (best first)."""
    lead = pd.DataFrame([{"工号": e["工号"], "att": e["实际值"] / e["spec"].target}
                         for e in entries if LEAD_VOLUME.get(e["岗位"]) == e["指标名称"]])
    return lead.groupby("工号")["att"].mean().sort_values(ascending=False, kind="stable")


def mark_top_sellers(rng: np.random.Generator, entries: list[dict],
                     traits: pd.DataFrame) -> tuple[list[str], list[str]]:
    """Make about a third of the top-20 % relationship managers careless with customers.

    The top 20 % by mean volume attainment are the "top sellers"; round(top/3) of them get a
    clearly low customer-care trait and a weak book of customers (trait ``acct``), the
    others a positive one, so the pattern does not rest on luck. Returns (top sellers,
    careless top sellers)."""
    top = synth.top_of(volume_ranking(entries), 0.2)
    careless = synth.pick_careless(rng, traits, top, top, size=int(round(len(top) / 3)),
                                   careless_care=-1.6, careless_acct=-0.5)
    return top, careless


# ------------------------------------------------------------------------------- outcomes
def customer_outcomes(rng: np.random.Generator, staff: pd.DataFrame,
                      traits: pd.DataFrame) -> pd.DataFrame:
    """Per relationship manager and quarter: satisfaction, churn and complaints of the
    managed customers. They follow customer care and the book of customers, plus noise."""

    def outcomes_of(emp: str, period: str, care: float, book: float) -> tuple:
        noise = rng.standard_normal(2)
        satisfaction = min(max(87 + 3.2 * care + 2.2 * book + 1.6 * noise[0], 40), 100)
        churn = min(max(5.0 - 1.3 * care - 1.1 * book + 0.7 * noise[1], 0.5), 40)
        complaints = int(rng.poisson(min(0.5 * math.exp(-0.45 * care - 0.25 * book), 4.0)))
        values = (f"{satisfaction:.1f}", f"{churn:.1f}", str(complaints))
        return tuple(zip(OUTCOME_METRICS, values, strict=True))

    managers = staff[staff["岗位"].isin(RM_POSITIONS)]
    return synth.outcome_rows(managers, traits, SIM, outcomes_of, no_unit="")


def copy_outcomes_to_cards(entries: list[dict], outcomes: pd.DataFrame) -> None:
    """Indicators modelled as ``outcome`` take the outcome value of the same name."""
    values = {(r.工号, r.期间, r.客户指标): float(r.数值) for r in outcomes.itertuples()}
    for entry in entries:
        if entry["spec"].model == "outcome":
            entry["实际值"] = values[(entry["工号"], entry["期间"], entry["指标名称"])]


def department_rows(entries: list[dict], outcomes: pd.DataFrame,
                    staff: pd.DataFrame) -> pd.DataFrame:
    """KPI达成率 and 管户客户满意度 of the departments that have relationship managers.

    KPI达成率 as :func:`_synth.department_kpi` (zero-weight veto items drop out);
    管户客户满意度 = mean of its managers' values."""
    satisfaction = synth.department_mean(outcomes, staff, "管户客户满意度")
    with_managers = set(satisfaction.index.get_level_values(0))
    units = [d for d in DEPARTMENTS if d in with_managers]
    figures = {"KPI达成率": synth.department_kpi(entries), "管户客户满意度": satisfaction}
    return synth.department_rows(units, PERIODS, figures, lambda v: f"{v:.1f}", no_id="")


# ------------------------------------------------------------------------------- defects
SCORECARD_RULES = synth.ScorecardRules(
    where="inputs/current_kpis.csv", customer_facing=CUSTOMER_FACING, weight_text=fraction_text,
    sells=lambda department, position: position in RM_POSITIONS,
    volume={"存款日均余额", "贷款投放额", "产品销售额", "新增有效客户数"},
    balance={"不良贷款率", "管户客户流失率", "AUM净增长率"},
    volume_only_note="只有规模/销量指标，无资产质量或客户留存")


def locate_defects(kpis: pd.DataFrame, rows: list[dict], journey: pd.DataFrame) -> list[tuple]:
    """Deliberate defects as (code, file, spreadsheet rows, note); header = row 1."""
    return (synth.scorecard_defects(kpis, rows, SCORECARD_RULES)
            + synth.journey_defects(journey, "inputs/journey.csv"))


# --------------------------------------------------------------------------- self-checks
def verify(tables: dict[str, pd.DataFrame], defects: list[tuple], top: list[str],
           careless: list[str]) -> dict:
    """Fail loudly when a parameter change broke a pattern README.md promises.

    Returns the figures README.md quotes."""
    kpis, outcomes, actuals = tables["current_kpis"], tables["outcomes"], tables["actuals"]
    employees, journey = tables["employees"], tables["journey"]

    def fail(message: str) -> None:
        raise AssertionError(f"lanshan_bank pattern broken: {message}")

    # Defects: every kind of METHOD §2.4 and the journey defects are present.
    codes = {d[0] for d in defects}
    missing = set(DEFECT_LABELS) - codes
    if missing:
        fail(f"defect kinds missing: {sorted(missing)}")
    if sum(d[0] == "mot" for d in defects) < 2:
        fail("fewer than two uncovered moments of truth")
    # Names agree across files.
    positions = set(kpis["岗位"])
    if set(employees["position"]) != positions or set(employees["department"]) != set(DEPARTMENTS):
        fail("employees and current_kpis disagree on positions or departments")
    raci = {d for col in "RACI" for cell in journey[col] for d in synth.names_in(cell)}
    if not raci <= set(kpis["部门"]):
        fail(f"journey RACI names not in current_kpis units: {raci - set(kpis['部门'])}")
    linked = {n for cell in journey["关联指标"] for n in synth.names_in(cell)}
    if not linked <= set(kpis["指标名称"]):
        fail(f"journey links unknown indicators: {linked - set(kpis['指标名称'])}")
    # Veto items: 事件数 only on them, mostly 0, a few 1.
    veto = actuals["指标名称"].isin(VETO)
    if actuals.loc[~veto, "事件数"].notna().any() or actuals.loc[veto, "事件数"].isna().any():
        fail("事件数 must be filled exactly on the veto indicators")
    events = actuals.loc[veto, "事件数"].astype(int)
    if not (events.isin([0, 1]).all() and 3 <= events.sum() <= 0.05 * len(events)):
        fail(f"veto events should be mostly 0 with a few 1 (found {events.sum()} of {len(events)})")
    # Top sellers with poor customer outcomes.
    emp = outcomes[outcomes["工号"] != ""].assign(v=lambda f: f["数值"].astype(float))
    mean = emp.pivot_table(index="工号", columns="客户指标", values="v", aggfunc="mean")
    total_complaints = emp[emp["客户指标"] == "客户投诉数"].groupby("工号")["v"].sum()
    for e in careless:
        if not (mean.at[e, "管户客户流失率"] > mean["管户客户流失率"].quantile(0.75)
                and total_complaints[e] > total_complaints.median()
                and mean.at[e, "管户客户满意度"] < mean["管户客户满意度"].median()):
            fail(f"{e} is not a top seller with high churn, complaints and low satisfaction")
    # KPI green, customer red: only 零售金融部.
    unit = outcomes[outcomes["部门"] != ""].assign(v=lambda f: f["数值"].astype(float))
    flagged = []
    for name, part in unit.groupby("部门", sort=False):
        kpi = part.loc[part["客户指标"] == "KPI达成率", "v"].to_numpy()
        sat = part.loc[part["客户指标"] == "管户客户满意度", "v"].to_numpy()
        if synth.kpi_green_customer_red(kpi, sat):
            flagged.append(name)
    if flagged != [GREEN_RED_UNIT]:
        fail(f"'KPI green, customer red' should be {GREEN_RED_UNIT} only, found {flagged}")
    return {"mean": mean, "complaints": total_complaints, "unit": unit}


# -------------------------------------------------------------------------------- writing
def write_tables(tables: dict[str, pd.DataFrame]) -> None:
    """current_kpis.csv as GBK with CRLF (old Excel export); the others UTF-8 with LF."""
    for name, frame in tables.items():
        if name == "current_kpis":
            synth.write_csv(INPUTS, name, frame, encoding="gbk", line_end="\r\n")
        else:
            synth.write_csv(INPUTS, name, frame)


DEFECT_LABELS = synth.defect_labels(
    weights_total=("(a) 岗位权重合计≠100%", "(a) weights of a position do not sum to 100 %"),
    single_weight=("(c) 单项权重>30%(含>60%)", "(c) single indicator weight > 30 % (incl. > 60 %)"),
    volume_only=("(g) 客户经理只有规模/销量", "(g) relationship manager with volume only"))


def write_readme(tables: dict[str, pd.DataFrame], rows: list[dict], defects: list[tuple],
                 top: list[str], careless: list[str], facts: dict) -> None:
    """README.md, Chinese first and English after, with counts, defects and patterns."""
    counts = synth.csv_row_counts(tables)
    employees = tables["employees"]
    heads = employees.groupby("position", sort=False).size()
    positions = "\n".join(
        f"| {d} | {'、'.join(f'{p}({heads[p]})' for dd, p, _ in POSITIONS if dd == d)} |"
        for d in DEPARTMENTS)
    defects_zh, defects_en = (synth.defect_table(defects, DEFECT_LABELS, lang) for lang in (0, 1))
    share = synth.weight_share(rows, "C")
    rm_rows = [r for r in rows if r["岗位"] in RM_POSITIONS]
    rm_points = pd.Series([r["points"] for r in rm_rows], dtype=float)
    rm_volume = sum(r["points"] for r in rm_rows if r["spec"].group == "B") / rm_points.sum() * 100
    position_of = employees.set_index("employee_id")["position"]
    mean, complaints = facts["mean"], facts["complaints"]
    p75 = mean["管户客户流失率"].quantile(0.75)
    top_txt = "、".join(top)
    rm_heads = int(heads[list(RM_POSITIONS)].sum())

    def careless_lines(lang: int) -> str:
        lines = []
        for e in careless:
            churn, sat = mean.at[e, "管户客户流失率"], mean.at[e, "管户客户满意度"]
            n = int(complaints[e])
            if lang == 0:
                lines.append(f"  - {e}({position_of[e]}): 流失率均值 {churn:.1f}%，"
                             f"满意度均值 {sat:.1f}，全年投诉 {n} 件")
            else:
                lines.append(f"  - {e} ({position_of[e]}): mean churn {churn:.1f} %, "
                             f"mean satisfaction {sat:.1f}, {n} complaints in the year")
        return "\n".join(lines)

    unit = facts["unit"]
    green = unit[unit["部门"] == GREEN_RED_UNIT]
    kpi_txt = " / ".join(green.loc[green["客户指标"] == "KPI达成率", "数值"])
    sat_txt = " / ".join(green.loc[green["客户指标"] == "管户客户满意度", "数值"])
    actuals = tables["actuals"]
    veto = actuals[actuals["事件数"].notna()]
    ones = int(veto["事件数"].sum())
    periods = "、".join(PERIODS)
    median_churn = mean["管户客户流失率"].median()
    median_sat = mean["管户客户满意度"].median()
    median_complaints = complaints.median()
    text = f"""# 岚山商业银行 — 合成示例项目 (SYNTHETIC)

> **合成数据。** 岚山商业银行是一家虚构的区域性商业银行；本目录中的机构、人员姓名、指标卡、
> 问卷回答和数值全部由 `generate.py` 随机生成，仅用于演示和测试 Orient，不代表任何真实机构或个人。

## 重新生成

```
python data_samples/lanshan_bank/generate.py
```

可在任意目录运行；依赖 numpy、pandas、pyyaml；随机种子 `{SEED}`，每次生成的文件完全相同。
`engagement.yaml`、`README.md` 与 `inputs/*.csv` 均由脚本写出，请修改脚本而不是直接改文件。
脚本会自检下文承诺的全部问题和模式，参数改动破坏它们时直接报错退出。

## 文件与行数(不含表头)

| 文件 | 行数 |
|---|---|
{counts}

输入约定(刻意与 xingyun_saas 不同)：`current_kpis.csv` 为 GBK 编码、CRLF 换行(模拟老版中文
Excel 导出)，权重写成小数(0.35 表示 35%)，一票否决项权重为 0；`employees.csv` 使用英文表头
(employee_id, department, position, team, name)；其余文件为 UTF-8、中文表头。
期间为 {periods}。

## 部门与岗位(括号内为人数)

| 部门 | 岗位 |
|---|---|
{positions}

面向客户的部门：{'、'.join(CUSTOMER_FACING)}。
客户经理(对公客户经理、零售客户经理、理财经理)共 {rm_heads} 人，
占全部 {len(employees)} 人的多数。

## 刻意设置的问题

行号按电子表格显示(表头为第1行)。(d)(e)(g) 按本示例自己的指标分类判定：三个一票否决项
(反洗钱违规、销售适当性违规、重大投诉)算作风险合规类，不算客户指标；Orient 的自动分类
可能把“重大投诉”归为客户类，结果会略有差异。

| 问题 | 文件 | 行 | 说明 |
|---|---|---|---|
{defects_zh}

其他刻意设置的模式：

- **现行指标偏规模、偏内部**：客户经理考核表中业务规模类(存款日均余额、贷款投放额、产品销售额、
  中间业务收入、新增客户等)占权重的 {rm_volume:.0f}%；按本示例分类，全行客户类指标只占全部权重的
  {share:.1f}%。客户相关内容主要以权重为 0 的一票否决项出现。
- **一票否决项**：`actuals.csv` 的 `事件数` 只在 反洗钱违规、销售适当性违规、重大投诉 三个指标行
  填写(共 {len(veto)} 行，其中 {ones} 行为 1，其余为 0)，实际值与事件数相同，目标值为 0。
- **旅程覆盖**：“产品宣传与风险揭示”(重要性4、表现2)只关联了产品销售额，“电话客服与远程银行”
  只关联了接通率、平均通话时长、来电处理量——形式上有指标覆盖，实际没有衡量客户体验的指标。
- **问卷**：11名管理者中，公司、零售、财富条线负责人认为“客户相关指标占比”高，运营和风险合规
  条线认为低；“部门KPI冲突频率”“客户不满但KPI合格”两题前台答低、中后台答高，分歧明显。
- **高规模、差客户结果**：按全年平均规模达成率(对公/零售客户经理看存款日均余额，理财经理看
  产品销售额)排名前20%的客户经理为：
  {top_txt}。
  其中以下几人的管户客户流失率高于全部客户经理的第75百分位({p75:.1f}%)，全年投诉数高于
  中位数({median_complaints:g} 件)，满意度低于中位数({median_sat:.1f})：
{careless_lines(0)}
  (全部客户经理的流失率中位数为 {median_churn:.1f}%。)
- **KPI绿、客户红**：`outcomes.csv` 中零售金融部的 KPI达成率 各季度为
  {kpi_txt}(均≥100)，而其管户客户满意度逐季下降：{sat_txt}。
  公司金融部、财富管理部不出现这一组合。
  部门 KPI达成率 = 部门内员工“Σ权重×min(达成度,120%)÷Σ权重”的平均值(权重为0的否决项不参与)，
  部门管户客户满意度 = 部门客户经理满意度的平均值。
- 理财经理考核表中的“管户客户流失率”实际值与 `outcomes.csv` 中同名客户指标一致。

---

# Lanshan Commercial Bank — synthetic sample engagement

> **Synthetic data.** Lanshan Commercial Bank (岚山商业银行) is a fictional regional commercial
> bank. Every institution name, person name, scorecard, survey answer and number here is
> generated by `generate.py` to demonstrate and test Orient; none of it describes a real
> institution or person.

## Regenerate

```
python data_samples/lanshan_bank/generate.py
```

Runs from any directory; needs numpy, pandas and pyyaml; seed `{SEED}`, so every run writes
identical files. `engagement.yaml`, `README.md` and `inputs/*.csv` are all written by the script:
change the script, not the files. The script checks every defect and pattern promised below and
stops with an error when a parameter change breaks one.

## Files and row counts (without header)

| file | rows |
|---|---|
{counts}

Input conventions (deliberately different from xingyun_saas): `current_kpis.csv` is GBK with CRLF
line ends (an old Chinese Excel export) and writes weights as fractions (0.35 = 35 %); veto items
weigh 0. `employees.csv` has English headers (employee_id, department, position, team, name). The
other files are UTF-8 with Chinese headers. Periods: {periods}.

## Deliberate defects

Row numbers as a spreadsheet shows them (header = row 1). (d), (e) and (g) use this sample's own
classification: the three veto items (反洗钱违规, 销售适当性违规, 重大投诉) count as risk and
compliance, not as customer indicators; Orient's automatic classification may treat 重大投诉 as a
customer indicator, so its results may differ slightly.

| defect | file | rows | note |
|---|---|---|---|
{defects_en}

Other deliberate patterns:

- **Volume-leaning, internal scorecards**: on the relationship managers' cards, volume and business
  indicators (deposits, loans, product sales, fee income, new customers) carry {rm_volume:.0f} % of
  the weight; by this sample's classification customer indicators carry {share:.1f} % of all weight
  in the bank. Customers appear mainly through zero-weight veto items.
- **Veto items**: `事件数` in `actuals.csv` is filled only on 反洗钱违规, 销售适当性违规
  and 重大投诉 ({len(veto)} rows, {ones} of them 1, the rest 0); the actual equals the
  event count, target 0.
- **Journey coverage**: 产品宣传与风险揭示 (importance 4, performance 2) is linked only
  to 产品销售额, and 电话客服与远程银行 only to 接通率, 平均通话时长 and 来电处理量:
  formally covered, but nothing measures the customer's experience.
- **Survey**: of the eleven managers, the corporate, retail and wealth heads rate the customer share
  of scorecards (客户相关指标占比) high, operations and risk rate it low; on 部门KPI冲突频率 and
  客户不满但KPI合格 front office answers low and middle/back office high.
- **Top volume, poor customer outcomes**: the top 20 % of relationship managers by mean volume
  attainment (存款日均余额 for corporate and retail RMs, 产品销售额 for wealth managers) are:
  {top_txt}.
  Of these, the following have a mean churn of managed customers above the 75th
  percentile of all RMs ({p75:.1f} %), more complaints in the year than the median
  ({median_complaints:g}) and satisfaction below the median ({median_sat:.1f}):
{careless_lines(1)}
  (Median churn over all RMs: {median_churn:.1f} %.)
- **KPI green, customer red**: in `outcomes.csv`, 零售金融部 has KPI达成率 {kpi_txt} (all ≥ 100)
  while its 管户客户满意度 falls quarter after quarter: {sat_txt}. 公司金融部 and 财富管理部 do
  not show this combination. Department KPI达成率 = mean over its employees of
  Σ weight × min(attainment, 120 %) / Σ weight (zero-weight veto items drop out); department
  管户客户满意度 = mean of its relationship managers' values.
- The 管户客户流失率 actuals on the 理财经理 scorecard equal the outcome of the same name.
"""
    (HERE / "README.md").write_text(text, encoding="utf-8")


def main() -> None:
    """Generate every file of the sample engagement and check its promised patterns."""
    rng = np.random.default_rng(SEED)
    rows = synth.scorecard_rows(POSITIONS, CARDS, VARIANTS)
    kpis = build_current_kpis(rows)
    staff = build_staff(rng)
    traits = synth.draw_traits(rng, staff, dict.fromkeys(LEADS, "department"), one_block=True)
    entries = synth.actual_entries(rng, staff, rows, PERIODS)
    synth.fill_actuals(entries, traits, SIM, names=set(LEAD_VOLUME.values()))
    top, careless = mark_top_sellers(rng, entries, traits)
    synth.fill_actuals(entries, traits, SIM)
    per_rm = customer_outcomes(rng, staff, traits)
    copy_outcomes_to_cards(entries, per_rm)
    outcomes = pd.concat([per_rm, department_rows(entries, per_rm, staff)], ignore_index=True)
    journey = pd.DataFrame(JOURNEY, columns=synth.JOURNEY_COLUMNS)
    tables = {"current_kpis": kpis, "survey": synth.survey_table(SURVEY), "journey": journey,
              "employees": staff.rename(columns=EMPLOYEE_HEADER),
              "actuals": synth.actuals_csv_table(entries, event_indicators=VETO),
              "outcomes": outcomes}
    defects = locate_defects(kpis, rows, journey)
    facts = verify(tables, defects, top, careless)
    synth.check_glossary(GLOSSARY_EN, synth.glossary_names(staff, journey, tables["survey"],
                                                           ENGAGEMENT))
    tables["glossary"] = synth.glossary_table(GLOSSARY_EN)
    write_tables(tables)
    synth.write_engagement(HERE, ENGAGEMENT, len(staff), ENGAGEMENT_NOTE)
    write_readme(tables, rows, defects, top, careless, facts)


if __name__ == "__main__":
    main()
